import Foundation

/// "Did you mean" for misspelt keys and placeholders.
enum KeySuggestion {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo
    /// (edit distance ≤ 2, or ≤ a third of the length, after ignoring case, `-`/`_` and
    /// unit suffixes such as `_s`/`_seconds`).
    static func closest(to word: String, among candidates: [String]) -> String? {
        let normalizedWord = normalize(word)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let normalizedCandidate = normalize(candidate)
            let distance = normalizedWord == normalizedCandidate
                ? 0 : editDistance(normalizedWord, normalizedCandidate)
            let limit = max(2, normalizedCandidate.count / 3)
            guard distance <= limit else { continue }
            if best == nil || distance < best?.distance ?? Int.max {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// `; did you mean 'x'?`, or an empty string.
    static func hint(for word: String, among candidates: [String]) -> String {
        guard let match = closest(to: word, among: candidates) else { return "" }
        return "; did you mean '\(match)'?"
    }

    private static func normalize(_ word: String) -> String {
        var text = word.lowercased().replacingOccurrences(of: "-", with: "_")
        for suffix in ["_seconds", "_secs", "_sec", "_s"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text.removeLast(suffix.count)
            break
        }
        return text
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}

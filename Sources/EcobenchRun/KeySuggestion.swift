import Foundation

/// "Did you mean" for misspelt keys and placeholders.
package enum KeySuggestion {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo
    /// (edit distance ≤ a third of the candidate's length, at least 1 and at most 2, after
    /// ignoring case, `-`/`_` and unit suffixes such as `_s`/`_seconds`).
    package static func closest(to word: String, among candidates: [String]) -> String? {
        rankedMatch(for: word, among: candidates)?.candidate
    }

    /// The closest plausible candidate with its rank (lower is closer): normalized edit
    /// distance first, raw edit distance as tie-breaker, so that ranks from different
    /// candidate lists can be compared.
    package static func rankedMatch(for word: String, among candidates: [String])
        -> (candidate: String, rank: (Int, Int))? {
        let normalizedWord = normalize(word)
        var best: (candidate: String, rank: (Int, Int))?
        for candidate in candidates {
            let normalizedCandidate = normalize(candidate)
            let distance = editDistance(normalizedWord, normalizedCandidate)
            let limit = min(2, max(1, normalizedCandidate.count / 3))
            guard distance <= limit, distance < normalizedCandidate.count else { continue }
            let rank = (distance, editDistance(word.lowercased(), candidate.lowercased()))
            if best.map({ rank < $0.rank }) ?? true {
                best = (candidate, rank)
            }
        }
        return best
    }

    /// `; did you mean 'x'?`, or an empty string.
    package static func hint(for word: String, among candidates: [String]) -> String {
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
    package static func editDistance(_ lhs: String, _ rhs: String) -> Int {
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

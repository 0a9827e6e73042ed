/// Linear interpolation through points sorted by x; flat beyond the first and last point.
public enum PiecewiseLinear {
    public static func value(xs: [Double], ys: [Double], at x: Double) -> Double {
        guard let first = xs.first, let last = xs.last, xs.count == ys.count else { return .nan }
        if x <= first { return ys[0] }
        if x >= last { return ys[ys.count - 1] }
        for i in 1..<xs.count where x <= xs[i] {
            let span = xs[i] - xs[i - 1]
            if span <= 0 { return ys[i] }
            return ys[i - 1] + (x - xs[i - 1]) / span * (ys[i] - ys[i - 1])
        }
        return ys[ys.count - 1]
    }
}

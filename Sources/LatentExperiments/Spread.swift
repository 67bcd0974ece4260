import Foundation

/// One figure measured once per seed: its mean and its sample standard deviation.
struct Spread {
    let values: [Double]

    var mean: Double { values.reduce(0, +) / Double(values.count) }

    /// The sample standard deviation (divided by n - 1); 0 for a single value.
    var standardDeviation: Double {
        guard values.count > 1 else { return 0 }
        let mean = self.mean
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }

    /// Whether the gap between this mean and `other`'s is no larger than their standard deviations together, too
    /// small to call a difference; never when neither was measured more than once (no spread to judge by).
    func isWithinSpread(of other: Spread) -> Bool {
        (values.count > 1 || other.values.count > 1)
            && abs(mean - other.mean) <= standardDeviation + other.standardDeviation
    }

    /// "7.36 ± 0.05" with `digits` decimals, or the value alone when there is one.
    func text(_ digits: Int) -> String {
        values.count > 1 ? "\(figure(mean, digits)) ± \(figure(standardDeviation, digits))" : figure(mean, digits)
    }
}

import LatentCore

extension GaussianMixture {
    /// `components` rows of `x` (N, D) chosen by k-means++ (Arthur and Vassilvitskii 2007): the first uniformly,
    /// each next with probability proportional to its squared distance from the nearest chosen. Throws when the
    /// points hold fewer distinct rows than components.
    static func kMeansPlusPlusCentres(
        _ x: [Double], count n: Int, dimensions d: Int, components: Int,
        using generator: inout some RandomNumberGenerator
    ) throws(LatentError) -> [Int] {
        var centres = [Int.random(in: 0..<n, using: &generator)]
        var nearest = [Double](repeating: .infinity, count: n)
        while centres.count < components {
            let latest = centres[centres.count - 1]
            var total: Double = 0
            for row in 0..<n {
                var squared: Double = 0
                for column in 0..<d {
                    let difference = x[row * d + column] - x[latest * d + column]
                    squared += difference * difference
                }
                nearest[row] = min(nearest[row], squared)
                total += nearest[row]
            }
            guard total > 0 else {
                throw LatentError(
                    "a Gaussian mixture of \(components) components needs as many distinct points; these \(n) "
                        + "hold \(centres.count)")
            }
            var target = Double.random(in: 0..<total, using: &generator)
            var chosen = n - 1
            for row in 0..<n where nearest[row] > 0 {
                target -= nearest[row]
                if target < 0 {
                    chosen = row
                    break
                }
            }
            centres.append(chosen)
        }
        return centres
    }

    /// Responsibilities (N, K) that give each point wholly to its nearest of `centres` (rows of `x`).
    static func nearestCentreAssignment(_ x: [Double], count n: Int, dimensions d: Int, centres: [Int]) -> [Double] {
        var responsibilities = [Double](repeating: 0, count: n * centres.count)
        for row in 0..<n {
            var (best, bestDistance) = (0, Double.infinity)
            for (component, centre) in centres.enumerated() {
                var squared: Double = 0
                for column in 0..<d {
                    let difference = x[row * d + column] - x[centre * d + column]
                    squared += difference * difference
                }
                if squared < bestDistance { (best, bestDistance) = (component, squared) }
            }
            responsibilities[row * centres.count + best] = 1
        }
        return responsibilities
    }
}

/// The weights of an area (box) filter along one axis: output pixel j is the mean of the input interval
/// [j * scale, (j + 1) * scale) with scale = input / output, each input pixel weighted by its overlap.
///
/// Shrinking averages whole blocks; enlarging repeats pixels and blends the one at a block border.
/// The taps are flat arrays (output j reads `sources[taps[j]]` with `weights[taps[j]]`) for tight loops.
package struct AreaFilter {
    package let taps: [Range<Int>]
    package let sources: [Int]
    package let weights: [Float]

    /// - Parameters:
    ///   - input: the length of the square side being resampled.
    ///   - output: the length wanted.
    ///   - shift: added to a square coordinate to get the source coordinate (crop offset, or minus the padding).
    ///   - sourceLength: source coordinates outside `0..<sourceLength` are padding and contribute zero.
    package init(input: Int, output: Int, shift: Int, sourceLength: Int) {
        let scale = Double(input) / Double(output)
        var taps: [Range<Int>] = []
        var sources: [Int] = []
        var weights: [Float] = []
        for j in 0..<output {
            let (start, end) = (Double(j) * scale, Double(j + 1) * scale)
            let first = sources.count
            var i = Int(start.rounded(.down))
            while Double(i) < end, i < input {
                let overlap = min(end, Double(i + 1)) - max(start, Double(i))
                let source = i + shift
                if overlap > 0, (0..<sourceLength).contains(source) {
                    sources.append(source)
                    weights.append(Float(overlap / scale))
                }
                i += 1
            }
            taps.append(first..<sources.count)
        }
        (self.taps, self.sources, self.weights) = (taps, sources, weights)
    }
}

/// The weights of an area (box) filter along one axis: output pixel j is the mean of the input interval
/// [j * scale, (j + 1) * scale) with scale = input / output, each input pixel weighted by its overlap.
///
/// Shrinking averages whole blocks; enlarging repeats pixels and blends the one at a block border.
struct AreaFilter {
    /// For each output pixel, the source pixels it reads and their weights (summing to 1 inside the image).
    let taps: [[(source: Int, weight: Float)]]

    /// - Parameters:
    ///   - input: the length of the square side being resampled.
    ///   - output: the length wanted.
    ///   - shift: added to a square coordinate to get the source coordinate (crop offset, or minus the padding).
    ///   - sourceLength: source coordinates outside `0..<sourceLength` are padding and contribute zero.
    init(input: Int, output: Int, shift: Int, sourceLength: Int) {
        let scale = Double(input) / Double(output)
        taps = (0..<output).map { j in
            let (start, end) = (Double(j) * scale, Double(j + 1) * scale)
            var taps: [(source: Int, weight: Float)] = []
            var i = Int(start.rounded(.down))
            while Double(i) < end, i < input {
                let overlap = min(end, Double(i + 1)) - max(start, Double(i))
                let source = i + shift
                if overlap > 0, (0..<sourceLength).contains(source) { taps.append((source, Float(overlap / scale))) }
                i += 1
            }
            return taps
        }
    }
}

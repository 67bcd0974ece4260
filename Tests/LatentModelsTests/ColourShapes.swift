import LatentCore
import LatentData
import LatentTestSupport

/// A colour dataset drawn in memory: red or blue, filled squares or hollow ones, on a dark grey background.
///
/// The four classes need both colour and shape to be told apart, so a model that mixed up the channels, or
/// read the planes as one tall grey image, would lose half of them. Deterministic for a seed.
enum ColourShapes {
    static let classNames = ["red square", "red ring", "blue square", "blue ring"]
    static let colours: [(Float, Float, Float)] = [(0.9, 0.2, 0.1), (0.1, 0.3, 0.9)]

    /// `count` images of 3 x `side` x `side`, classes in turn (0, 1, 2, 3, 0, ...).
    static func make(count: Int, side: Int = 16, seed: UInt64) -> ImageDataset {
        var generator = SeededGenerator(seed: seed)
        let plane = side * side
        let images = Tensor(zeros: [count, 3 * plane])
        for index in 0..<count {
            let label = index % 4
            let (colour, hollow) = (colours[label / 2], label % 2 == 1)
            let background = Float.random(in: 0.1...0.3, using: &generator)
            let size = Int.random(in: (side / 3)...(side * 2 / 3), using: &generator)
            let (left, top) = (
                Int.random(in: 0...(side - size), using: &generator),
                Int.random(in: 0...(side - size), using: &generator)
            )
            let row = index * 3 * plane
            for y in 0..<side {
                for x in 0..<side {
                    let inside = (left..<(left + size)).contains(x) && (top..<(top + size)).contains(y)
                    let edge = min(x - left, y - top, left + size - 1 - x, top + size - 1 - y) < 2
                    let painted = inside && (!hollow || edge)
                    let values = painted ? [colour.0, colour.1, colour.2] : [background, background, background]
                    for channel in 0..<3 {
                        let noise = Float.random(in: -0.05...0.05, using: &generator)
                        images[element: row + channel * plane + y * side + x] = min(1, max(0, values[channel] + noise))
                    }
                }
            }
        }
        return ImageDataset(
            name: "colour shapes", images: images, labels: (0..<count).map { $0 % 4 }, channels: 3,
            height: side, width: side, classNames: classNames)
    }
}

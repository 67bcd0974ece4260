import Foundation
import LatentCore
import LatentData
import LatentImages
import LatentStorage

/// P7's data: seeded random crops of real photographs at 64x64 RGB, written once as an imported dataset so that every
/// side of the benchmark (Latent, and the peers through h5py) trains on the same bytes.
enum PhotoCrops {
    /// The side photos are first imported at: crops of 25-100 % of its area are shrunk 2x to `side`, never enlarged.
    static let importSide = 128
    static let side = 64

    /// Imports `folder` at `importSide` into a scratch file, cuts `count` crops from its photos in turn, and writes
    /// them to `out` in `ImportedDataset`'s layout (unlabelled; each path names its photo).
    ///
    /// - Parameters:
    ///   - folder: real photographs, in any format `data import` reads.
    ///   - count: how many crops to write.
    ///   - seed: the crops' randomness.
    ///   - out: the HDF5 file to write.
    static func write(from folder: String, count: Int, seed: UInt64, to out: String) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "latent-p7-\(getpid())-\(UUID().uuidString).h5"
        ).path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let summary = try ImageFolderImport(folder: folder, preprocessing: Preprocessing(size: importSide))
            .run(writingTo: scratch)
        log("P7: \(summary.imported) photos from \(folder) (\(summary.skipped.count) skipped); cutting \(count) crops")
        let photos = try ImportedDataset(contentsOf: scratch)
        let cropping = Augmentation(steps: [.crop(minimumScale: 0.25), .flip])
        var generator = SeededGenerator(seed: seed)
        var paths: [String] = []
        try HDF5Writer.write(to: out) { writer in
            try writer.createGrowingBytes("/images", itemShape: [3, side, side])
            while paths.count < count {
                let views = cropping.views(
                    of: photos.images, channels: 3, height: importSide, width: importSide, using: &generator)
                let taken = min(photos.count, count - paths.count)
                try writer.append(halved(views, rows: taken), to: "/images")
                paths += photos.paths.prefix(taken)
            }
            try writer.writeIntegers(Array(repeating: ImportedDataset.noLabel, count: count), at: "/labels")
            try writer.writeStrings([], at: "/class_names")
            try writer.writeStrings(paths, at: "/paths")
            try writer.setAttribute("format", ImportedDataset.format)
            try writer.setAttribute("version", ImportedDataset.version)
            try writer.setAttribute("preprocessing", Preprocessing(size: side).json)
            try writer.setAttribute("source", folder)
            try writer.setAttribute("channels", 3)
            try writer.setAttribute("height", side)
            try writer.setAttribute("width", side)
        }
    }

    /// The first `rows` images of `views` (RGB at `importSide`) shrunk to `side` by averaging 2x2 blocks, as bytes.
    private static func halved(_ views: Tensor, rows: Int) -> [UInt8] {
        let (large, small) = (importSide, side)
        var bytes = [UInt8](repeating: 0, count: rows * 3 * small * small)
        views.withUnsafeBufferPointer { pixels in
            bytes.withUnsafeMutableBufferPointer { out in
                for plane in 0..<(rows * 3) {
                    let source = plane * large * large
                    let target = plane * small * small
                    for y in 0..<small {
                        let top = source + 2 * y * large
                        for x in 0..<small {
                            let sum =
                                pixels[top + 2 * x] + pixels[top + 2 * x + 1] + pixels[top + large + 2 * x]
                                + pixels[top + large + 2 * x + 1]
                            out[target + y * small + x] = UInt8((sum * (255 / 4)).rounded())
                        }
                    }
                }
            }
        }
        return bytes
    }
}

import LatentCore

/// Labelled images, grey or colour, held as one contiguous tensor of pixel values in [0, 1].
///
/// Each image is one row of C * H * W values, channel-major (all of the red plane, then green, then blue), so
/// PCA, k-NN and dense layers read a colour image as they read a grey one, and a convolution reshapes the row
/// to (C, H, W) without copying.
public struct ImageDataset {
    /// A name for messages and summaries, e.g. "fashion-mnist train".
    public let name: String
    /// (N, C * H * W) pixel values scaled from bytes to [0, 1].
    public let images: Tensor
    /// One class index per image.
    public let labels: [Int]
    /// 1 for grey images, 3 for RGB.
    public let channels: Int
    public let height: Int
    public let width: Int
    /// The name of each class index.
    public let classNames: [String]

    public var count: Int { labels.count }
    /// The length of one image's row: C * H * W values (a colour pixel counts once per channel).
    public var pixelsPerImage: Int { channels * height * width }
    /// "1x28x28" or "3x64x64": channels, height and width, as messages and checkpoints write a shape.
    public var shapeDescription: String { "\(channels)x\(height)x\(width)" }

    public init(
        name: String, images: Tensor, labels: [Int], channels: Int = 1, height: Int, width: Int,
        classNames: [String]
    ) {
        precondition(
            channels > 0 && images.shape == [labels.count, channels * height * width],
            "\(name): images of shape \(images.shape) for \(labels.count) labels of \(channels)x\(height)x\(width)")
        self.name = name
        self.images = images
        self.labels = labels
        self.channels = channels
        self.height = height
        self.width = width
        self.classNames = classNames
    }

    /// Reads an IDX pair of images (N, H, W) and labels (N), checking that they agree.
    public init(name: String, imagesFile: String, labelsFile: String, classNames: [String]) throws {
        // Both headers first, so that disagreeing files are refused before either is read whole.
        let imageSizes = try IDXFile.dimensions(of: imagesFile, axes: ["N", "H", "W"])
        let labelSizes = try IDXFile.dimensions(of: labelsFile, axes: ["N"])
        guard imageSizes[0] == labelSizes[0] else {
            throw DataError.lengthMismatch(
                images: imagesFile, imageCount: imageSizes[0],
                labels: labelsFile, labelCount: labelSizes[0])
        }
        guard imageSizes[0] > 0 else { throw DataError.noImages(path: imagesFile) }
        guard imageSizes[1] > 0, imageSizes[2] > 0 else {
            throw DataError.corrupt(
                path: imagesFile, offset: 8,
                reason: "images of \(imageSizes[1])x\(imageSizes[2]) pixels hold nothing")
        }
        let imageFile = try IDXFile(contentsOf: imagesFile, axes: ["N", "H", "W"])
        let labelFile = try IDXFile(contentsOf: labelsFile, axes: ["N"])
        if let index = labelFile.bytes.firstIndex(where: { Int($0) >= classNames.count }) {
            throw DataError.corrupt(
                path: labelsFile, offset: 8 + index,
                reason: "label \(labelFile.bytes[index]) of "
                    + "image \(index) is not one of the \(classNames.count) classes 0...\(classNames.count - 1)")
        }
        let (count, height, width) = (imageSizes[0], imageSizes[1], imageSizes[2])
        let images = Tensor(zeros: [count, height * width])
        imageFile.bytes.withUnsafeBufferPointer { bytes in
            images.withUnsafeMutableBufferPointer { pixels in
                for i in 0..<bytes.count { pixels[i] = Float(bytes[i]) * (1 / 255) }
            }
        }
        self.init(
            name: name, images: images, labels: labelFile.bytes.map(Int.init), height: height, width: width,
            classNames: classNames)
    }

    /// The images as (N, C, H, W), for convolutional models; shares storage.
    public var imagesNCHW: Tensor { images.reshaped([count, channels, height, width]) }
}

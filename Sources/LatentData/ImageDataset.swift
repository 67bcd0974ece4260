import LatentCore

/// Labelled grey-scale images held as one contiguous tensor of pixels in [0, 1].
public struct ImageDataset {
    /// A name for messages and summaries, e.g. "fashion-mnist train".
    public let name: String
    /// (N, H * W) pixels scaled from bytes to [0, 1].
    public let images: Tensor
    /// One class index per image.
    public let labels: [Int]
    public let height: Int
    public let width: Int
    /// The name of each class index.
    public let classNames: [String]

    public var count: Int { labels.count }
    public var pixelsPerImage: Int { height * width }

    public init(name: String, images: Tensor, labels: [Int], height: Int, width: Int, classNames: [String]) {
        precondition(images.shape == [labels.count, height * width],
                     "\(name): images of shape \(images.shape) for \(labels.count) labels of \(height)x\(width)")
        self.name = name
        self.images = images
        self.labels = labels
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
            throw DataError.lengthMismatch(images: imagesFile, imageCount: imageSizes[0],
                                           labels: labelsFile, labelCount: labelSizes[0])
        }
        guard imageSizes[0] > 0 else { throw DataError.noImages(path: imagesFile) }
        guard imageSizes[1] > 0, imageSizes[2] > 0 else {
            throw DataError.corrupt(path: imagesFile, offset: 8,
                                    reason: "images of \(imageSizes[1])x\(imageSizes[2]) pixels hold nothing")
        }
        let imageFile = try IDXFile(contentsOf: imagesFile, axes: ["N", "H", "W"])
        let labelFile = try IDXFile(contentsOf: labelsFile, axes: ["N"])
        if let index = labelFile.bytes.firstIndex(where: { Int($0) >= classNames.count }) {
            throw DataError.corrupt(path: labelsFile, offset: 8 + index, reason: "label \(labelFile.bytes[index]) of "
                                    + "image \(index) is not one of the \(classNames.count) classes 0...\(classNames.count - 1)")
        }
        let (count, height, width) = (imageSizes[0], imageSizes[1], imageSizes[2])
        let images = Tensor(zeros: [count, height * width])
        imageFile.bytes.withUnsafeBufferPointer { bytes in
            let pixels = images.pointer
            for i in 0..<bytes.count { pixels[i] = Float(bytes[i]) * (1 / 255) }
        }
        self.init(name: name, images: images, labels: labelFile.bytes.map(Int.init), height: height, width: width,
                  classNames: classNames)
    }

    /// The images as (N, 1, H, W), for convolutional models; shares storage.
    public var imagesNCHW: Tensor { images.reshaped([count, 1, height, width]) }
}

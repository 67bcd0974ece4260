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
        let imageFile = try IDXFile(contentsOf: imagesFile)
        let labelFile = try IDXFile(contentsOf: labelsFile)
        guard imageFile.dimensions.count == 3 else {
            throw DataError.corrupt(path: imagesFile, offset: 0,
                                    reason: "expected images with 3 axes (N, H, W), found dimensions \(imageFile.dimensions)")
        }
        guard labelFile.dimensions.count == 1 else {
            throw DataError.corrupt(path: labelsFile, offset: 0,
                                    reason: "expected labels with 1 axis (N), found dimensions \(labelFile.dimensions)")
        }
        guard imageFile.dimensions[0] == labelFile.dimensions[0] else {
            throw DataError.lengthMismatch(images: imagesFile, imageCount: imageFile.dimensions[0],
                                           labels: labelsFile, labelCount: labelFile.dimensions[0])
        }
        if let offset = labelFile.bytes.firstIndex(where: { Int($0) >= classNames.count }) {
            throw DataError.corrupt(path: labelsFile, offset: 8 + offset,
                                    reason: "label \(labelFile.bytes[offset]) outside the \(classNames.count) classes")
        }
        let (count, height, width) = (imageFile.dimensions[0], imageFile.dimensions[1], imageFile.dimensions[2])
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

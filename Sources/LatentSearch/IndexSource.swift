import LatentCore

/// The images an index is built from, with what to show for each: file paths, labels and class names.
public struct IndexSource {
    /// The pixels, read a chunk of images at a time.
    public var pixels: ImageRows
    public var channels: Int, height: Int, width: Int
    public var paths: [String]
    /// Class of each image (an index into `classNames`), or -1 when unlabelled.
    public var labels: [Int]
    public var classNames: [String]
    /// The importer's preprocessing as JSON, to apply again to each query.
    public var preprocessing: String

    /// C * H * W, the values of each image.
    public var valuesPerImage: Int { channels * height * width }

    /// A source whose pixels are read from `pixels`.
    ///
    /// - Parameters:
    ///   - pixels: the images, in memory or in an imported file.
    ///   - channels: C, 1 (grey) or 3 (RGB).
    ///   - height: H in pixels.
    ///   - width: W in pixels.
    ///   - paths: each image's name or file.
    ///   - labels: each image's class, an index into `classNames`, or -1.
    ///   - classNames: the names of the classes.
    ///   - preprocessing: the importer's preprocessing as JSON.
    public init(
        pixels: ImageRows, channels: Int, height: Int, width: Int, paths: [String], labels: [Int],
        classNames: [String], preprocessing: String
    ) {
        self.pixels = pixels
        (self.channels, self.height, self.width) = (channels, height, width)
        self.paths = paths
        self.labels = labels
        self.classNames = classNames
        self.preprocessing = preprocessing
    }

    /// A source of images in memory, (N, C*H*W) planar pixels in [0, 1].
    ///
    /// - Parameters:
    ///   - images: (N, C*H*W) planar pixels in [0, 1].
    ///   - channels: C, 1 (grey) or 3 (RGB).
    ///   - height: H in pixels.
    ///   - width: W in pixels.
    ///   - paths: each image's name or file.
    ///   - labels: each image's class, an index into `classNames`, or -1.
    ///   - classNames: the names of the classes.
    ///   - preprocessing: the importer's preprocessing as JSON.
    public init(
        images: Tensor, channels: Int, height: Int, width: Int, paths: [String], labels: [Int],
        classNames: [String], preprocessing: String
    ) {
        self.init(
            pixels: .inMemory(images), channels: channels, height: height, width: width, paths: paths, labels: labels,
            classNames: classNames, preprocessing: preprocessing)
    }
}

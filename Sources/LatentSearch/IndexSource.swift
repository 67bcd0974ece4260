import LatentCore

/// The images an index is built from, with what to show for each: file paths, labels and class names.
public struct IndexSource {
    /// (N, C*H*W) planar pixels in [0, 1].
    public var images: Tensor
    public var channels: Int, height: Int, width: Int
    public var paths: [String]
    /// Class of each image (an index into `classNames`), or -1 when unlabelled.
    public var labels: [Int]
    public var classNames: [String]
    /// The importer's preprocessing as JSON, to apply again to each query.
    public var preprocessing: String

    public init(
        images: Tensor, channels: Int, height: Int, width: Int, paths: [String], labels: [Int],
        classNames: [String], preprocessing: String
    ) {
        self.images = images
        (self.channels, self.height, self.width) = (channels, height, width)
        self.paths = paths
        self.labels = labels
        self.classNames = classNames
        self.preprocessing = preprocessing
    }
}

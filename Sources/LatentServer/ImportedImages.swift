import LatentRetrieval

/// The bridge to `latent data import`: its datasets as index sources, its preprocessing applied to queries.
///
/// Interim: until the importer's API lands, only the built-in datasets can be indexed and query images
/// cannot be decoded.
public enum ImportedImages {
    /// The images, paths and labels of an imported dataset.
    public static func source(from path: String) throws -> IndexSource {
        throw SearchError("\(path): reading imported datasets is not available yet")
    }

    /// The preprocessing that turns an image file into a built-in dataset's images: a centred square, shrunk to `side`.
    public static func preprocessing(side: Int, grey: Bool) -> String {
        #"{"colour":"\#(grey ? "grey" : "rgb")","filter":"area","fit":"crop","size":\#(side)}"#
    }

    /// Reads query files the way the index's database was read.
    public static func preparer(for index: ImageIndex, largestFileBytes: Int = 256 << 20) throws -> any ImagePreparing {
        throw SearchError("decoding query images is not available yet")
    }
}

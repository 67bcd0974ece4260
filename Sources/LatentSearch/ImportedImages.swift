import LatentData
import LatentImages
import LatentRetrieval

/// The bridge to `latent data import`: its datasets as index sources, its preprocessing applied to queries.
public enum ImportedImages {
    /// The images, paths and labels of an imported dataset (`photos.h5`), its pixels read a chunk at a time.
    public static func source(from path: String) throws -> IndexSource {
        let data = try ImportedImageFile(contentsOf: path)
        return IndexSource(
            pixels: .imported(data), channels: data.channels, height: data.height, width: data.width,
            paths: data.paths, labels: data.labels, classNames: data.classNames,
            preprocessing: data.preprocessing.json)
    }

    /// The preprocessing that turns an image file into a built-in dataset's images: a centred square, shrunk to `side`.
    public static func preprocessing(side: Int, grey: Bool) -> String {
        Preprocessing(size: side, colour: grey ? .grey : .rgb).json
    }

    /// Reads query files the way the index's database was read, refusing files over `largestFileBytes`.
    public static func preparer(
        for index: ImageIndex, largestFileBytes: Int = DecodeLimits.standard.maxBytes
    ) throws
        -> any ImagePreparing
    {
        let preprocessing: Preprocessing
        do {
            preprocessing = try Preprocessing(json: index.preprocessing, source: "the index's preprocessing")
        } catch {
            throw SearchError("\(error)")
        }
        guard preprocessing.channels == index.channels, preprocessing.size == index.height,
            preprocessing.size == index.width
        else {
            throw SearchError(
                "the index's preprocessing (\(preprocessing)) does not make its \(index.channels)x\(index.height)x"
                    + "\(index.width) images")
        }
        return PreprocessedQuery(
            preprocessing: preprocessing,
            limits: DecodeLimits(maxPixels: DecodeLimits.standard.maxPixels, maxBytes: largestFileBytes))
    }
}

/// A query file decoded (JPEG, PNG, GIF, BMP, TIFF or WebP) and preprocessed as the database was.
struct PreprocessedQuery: ImagePreparing {
    let preprocessing: Preprocessing
    let limits: DecodeLimits

    func prepare(_ bytes: [UInt8], name: String) throws -> [Float] {
        do {
            return try preprocessing.pixels(of: bytes, name: name, limits: limits)
        } catch {
            switch error {
            case .tooManyPixels, .tooManyBytes: throw SearchError(error.description, isTooLarge: true)
            default: throw SearchError(error.description)
            }
        }
    }
}

import Foundation

/// How every image of a dataset is turned into SIZE x SIZE pixels: stored with the dataset so that a query
/// image is processed exactly as the database images were.
///
/// The steps, in order: decode to upright 8-bit RGB (EXIF orientation applied, transparency over white; a JPEG
/// far larger than the output decoded at a reduced scale, see `minimumDecodedSide`);
/// make it square by cropping the centre or padding with black; convert to grey (ITU-R BT.601 luma,
/// 0.299 R + 0.587 G + 0.114 B) when asked; resize with an area (box) filter, each output pixel the mean
/// of the square region of input it covers; round to bytes. Pixels are those bytes divided by 255.
public struct Preprocessing: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    public enum Colour: String, Codable, CaseIterable, Sendable {
        case rgb, grey

        public var channels: Int { self == .rgb ? 3 : 1 }
    }

    /// How a picture that is not square becomes square.
    public enum Fit: String, Codable, CaseIterable, Sendable {
        /// Keep the central square; the edges of the long side are cut off.
        case crop
        /// Keep the whole picture, centred, with black bands on the short side.
        case pad
    }

    /// The resampling filter; one today, named in the file so that a dataset made with another can be told apart.
    public enum Filter: String, Codable, CaseIterable, Sendable {
        case area
    }

    /// The side of the square output, in pixels.
    public let size: Int
    public let colour: Colour
    public let fit: Fit
    public let filter: Filter

    /// The sides accepted; past 4096 a dataset of even a thousand images needs gigabytes.
    public static let sizes = 1...4096

    public init(size: Int, colour: Colour = .rgb, fit: Fit = .crop, filter: Filter = .area) {
        precondition(Self.sizes.contains(size), "image size \(size) outside \(Self.sizes)")
        self.size = size
        self.colour = colour
        self.fit = fit
        self.filter = filter
    }

    public var channels: Int { colour.channels }

    /// Values per image: channels x size x size.
    public var valuesPerImage: Int { channels * size * size }

    public var description: String { "\(size)x\(size) \(colour.rawValue), \(fit.rawValue), \(filter.rawValue) filter" }

    // MARK: Stored form

    private enum CodingKeys: String, CodingKey { case size, colour, fit, filter }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let size = try container.decode(Int.self, forKey: .size)
        guard Self.sizes.contains(size) else {
            throw DecodingError.dataCorruptedError(
                forKey: .size, in: container,
                debugDescription: "size \(size) outside \(Self.sizes)")
        }
        self.init(
            size: size, colour: try container.decode(Colour.self, forKey: .colour),
            fit: try container.decode(Fit.self, forKey: .fit),
            filter: try container.decode(Filter.self, forKey: .filter))
    }

    /// One line of JSON with sorted keys, e.g. `{"colour":"rgb","filter":"area","fit":"crop","size":64}`.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding four plain fields cannot fail.
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? ""
    }

    /// Reads the JSON that `json` writes; `source` names the file in the error.
    public init(json: String, source: String) throws(ImageError) {
        do {
            self = try JSONDecoder().decode(Preprocessing.self, from: Data(json.utf8))
        } catch {
            throw .damaged(path: source, reason: "the preprocessing description \(json) cannot be read (\(error))")
        }
    }
}

extension Experiment {
    /// The photographs a near-duplicate search runs on: originals to index, and edited copies to search with.
    ///
    /// Relative folders start at the experiment file's folder, as `data_dir` does.
    public struct PhotoFolders: Decodable, Sendable {
        /// The photographs, picture files (JPEG, PNG, GIF, BMP, TIFF, WebP) directly in the folder: the database.
        public var originals: String
        /// Edited copies named `ORIGINAL--plain.jpg` and `ORIGINAL--mirrored.jpg` after the original
        /// `ORIGINAL.jpg`; the name says which photo each copy was made from.
        public var copies: String
        /// The side every photo and copy is imported at, as `latent data import --size`.
        public var size: Int
        /// `rgb` or `grey`, as `latent data import --colour`.
        public var colour: String

        enum CodingKeys: String, CodingKey { case originals, copies, size, colour }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            originals = try container.decode(String.self, forKey: .originals)
            copies = try container.decode(String.self, forKey: .copies)
            size = try container.decodeIfPresent(Int.self, forKey: .size) ?? 64
            colour = try container.decodeIfPresent(String.self, forKey: .colour) ?? "rgb"
        }
    }
}

import Foundation
import LatentCore
import LatentData
import LatentImages
import LatentSearch

/// The photographs of a near-duplicate search: the originals imported as `latent data import` does, and the edited
/// copies, each tied by its file name to the original it was made from.
struct NearDuplicatePhotos {
    /// An edited copy: its file, its bytes, the original's row in the database, and whether it is mirrored.
    struct Copy {
        let path: String
        let bytes: [UInt8]
        let original: Int
        let mirrored: Bool
    }

    /// The endings that tie a copy to its original: `ORIGINAL--plain.jpg`, `ORIGINAL--mirrored.jpg`.
    static let plainSuffix = "--plain", mirroredSuffix = "--mirrored"

    /// The originals, as `latent index build --data` reads an imported file.
    let database: IndexSource
    let originalsFolder: String
    let copies: [Copy]
    let importSeconds: Double

    /// Imports the originals in `originals` at `preprocessing` and reads every copy in `copies`, refusing a copy
    /// whose name names no original, and folders without photos.
    init(originals: String, copies copiesFolder: String, preprocessing: Preprocessing) throws {
        originalsFolder = originals
        let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "latent-near-duplicate-\(UUID().uuidString).h5")
        defer { try? FileManager.default.removeItem(atPath: scratch) }  // the import below, read back at once
        let start = Date()
        let summary = try ImageFolderImport(folder: originals, preprocessing: preprocessing).run(writingTo: scratch)
        guard summary.skipped.isEmpty else {
            throw LatentError(
                "photos.originals: \(summary.skipped.count) files of \(originals) cannot be read: \(summary.skipped[0])"
            )
        }
        database = try ImportedImages.source(from: scratch)
        importSeconds = Date().timeIntervalSince(start)

        var rows: [String: Int] = [:]
        for (row, path) in database.paths.enumerated() {
            let stem = Self.stem(path)
            if let other = rows[stem] {
                throw LatentError(
                    "photos.originals: \(database.paths[other]) and \(path) in \(originals) have the same name, so a "
                        + "copy's name cannot tell them apart")
            }
            rows[stem] = row
        }
        let listing: ImageFolder
        do {
            listing = try ImageFolder(scanning: copiesFolder)
        } catch {
            throw LatentError("photos.copies: \(error)")
        }
        copies = try listing.entries.map { entry in
            let path = listing.path(of: entry)
            let stem = Self.stem(entry.relativePath)
            let mirrored = stem.hasSuffix(Self.mirroredSuffix)
            guard mirrored || stem.hasSuffix(Self.plainSuffix) else {
                throw LatentError(
                    "photos.copies: \(path): a copy's name ends in \(Self.plainSuffix) or \(Self.mirroredSuffix) "
                        + "after its original's (ORIGINAL\(Self.plainSuffix).jpg)")
            }
            let original = String(stem.dropLast(mirrored ? Self.mirroredSuffix.count : Self.plainSuffix.count))
            guard let row = rows[original] else {
                throw LatentError("photos.copies: \(path): no original named \(original) in \(originals)")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LatentError("photos.copies: \(path): cannot read the file")
            }
            return Copy(path: path, bytes: [UInt8](data), original: row, mirrored: mirrored)
        }
        guard !copies.isEmpty else { throw LatentError("photos.copies: \(copiesFolder) holds no copies") }
    }

    /// The file name without folders and extension.
    static func stem(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// The table `scripts/near-duplicate-photos.sh` leaves beside the originals folder (`collection.tsv`: per
    /// package, the image files seen, kept and left out and why), as rows of cells with its header first; empty
    /// when the folder has none.
    var collectionTable: [[String]] {
        let file = (AtomicFile.folder(of: originalsFolder) as NSString).appendingPathComponent("collection.tsv")
        guard let data = FileManager.default.contents(atPath: file) else { return [] }
        let rows = String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        return rows.allSatisfy { $0.count == rows[0].count } ? rows : []
    }

    /// Originals per package, for a collection made by scripts/near-duplicate-photos.sh (`PACKAGE--NAME.jpg`).
    var originalsPerSource: [(source: String, count: Int)] {
        var counts: [String: Int] = [:]
        for path in database.paths {
            let stem = Self.stem(path)
            let source = stem.range(of: "--").map { String(stem[..<$0.lowerBound]) } ?? "(no package in the name)"
            counts[source, default: 0] += 1
        }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

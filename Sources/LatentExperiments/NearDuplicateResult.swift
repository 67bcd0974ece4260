import Foundation
import LatentCore
import LatentRetrieval
import LatentSearch

/// One way of searching measured on the edited copies, as a user meets it: the originals indexed by
/// `latent index build`'s builder, every copy's file read and searched as `latent search` does it.
struct NearDuplicateResult {
    /// The original's rank among each copy's matches (1 first), or nil when it is not among the `ranked` nearest.
    let ranks: [Int?]
    /// Each copy's nearest originals, nearest first, for the pictures.
    let matches: [[ImageMatch]]
    let buildSeconds: Double
    /// From the copy's bytes to the ranked matches, one copy at a time: the median.
    let queryMilliseconds: Double
    let index: ImageIndex

    /// Matches kept per copy: top-5 is measured, and pictures show up to this many.
    static let ranked = 8

    init(_ codes: ImageIndexBuilder.Codes, photos: NearDuplicatePhotos) throws {
        let start = Date()
        index = try ImageIndexBuilder.build(photos.database, codes: codes, metric: .cosine)
        buildSeconds = Date().timeIntervalSince(start)
        let search = try ImageSearch(index: index, preparer: try ImportedImages.preparer(for: index))
        let k = min(Self.ranked, index.count)
        var matches: [[ImageMatch]] = []
        var times: [Double] = []
        for copy in photos.copies {
            let started = Date()
            matches.append(try search.search(copy.bytes, name: copy.path, k: k))
            times.append(Date().timeIntervalSince(started))
        }
        self.matches = matches
        ranks = zip(photos.copies, matches).map { copy, found in
            found.firstIndex { $0.row == copy.original }.map { $0 + 1 }
        }
        queryMilliseconds = 1000 * times.sorted()[times.count / 2]
    }

    /// The fraction of the copies picked by `included` whose original is among the `within` nearest.
    func found(
        within: Int, copies: [NearDuplicatePhotos.Copy], where included: (NearDuplicatePhotos.Copy) -> Bool
    )
        -> Double
    {
        let picked = copies.indices.filter { included(copies[$0]) }
        guard !picked.isEmpty else { return .nan }
        return Double(picked.count { ranks[$0].map { $0 <= within } ?? false }) / Double(picked.count)
    }
}

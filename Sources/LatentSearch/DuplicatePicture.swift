import Foundation
import LatentPictures
import LatentRetrieval

/// A PNG-ready picture of duplicate groups: one row of thumbnails per group, each captioned with its file name and
/// its distance to the group's first member.
public enum DuplicatePicture {
    /// At most this many groups are drawn, the largest; the table lists them all.
    public static let largestGroupCount = 20
    /// At most this many members of a group are drawn, its first ones.
    public static let largestMemberCount = 8

    /// The first `largestGroupCount` groups, each cut to its first `largestMemberCount` members.
    ///
    /// - Parameters:
    ///   - groups: the groups, largest first, as `ImageIndex.duplicateGroups` returns them.
    ///   - index: the index whose rows they hold, whose thumbnails are drawn.
    public static func render(_ groups: [DuplicateGroup], index: ImageIndex) throws -> Canvas {
        let thumbnails = index.thumbnails
        var grid = ImageGrid(imageWidth: thumbnails.width, imageHeight: thumbnails.height, channels: index.channels)
        for (number, group) in groups.prefix(largestGroupCount).enumerated() {
            let tiles = try zip(group.rows, group.distances).prefix(largestMemberCount).map { row, distance in
                ImageGrid.Tile(
                    pixels: planar(try thumbnails.thumbnail(row), channels: thumbnails.channels),
                    caption: [SearchPicture.shortName(index.paths[row]), String(format: "D %.3g", distance)])
            }
            let more = group.rows.count > largestMemberCount ? " +\(group.rows.count - largestMemberCount)" : ""
            grid.rows.append((title: "\(number + 1)\(more)", tiles: tiles))
        }
        return grid.render()
    }

    /// (H, W, C) bytes as (C, H, W) values in [0, 1], the layout `ImageGrid` draws.
    private static func planar(_ bytes: [UInt8], channels: Int) -> [Float] {
        let plane = bytes.count / channels
        var values = [Float](repeating: 0, count: bytes.count)
        bytes.withUnsafeBufferPointer { source in
            for pixel in 0..<plane {
                for channel in 0..<channels {
                    values[channel * plane + pixel] = Float(source[pixel * channels + channel]) / 255
                }
            }
        }
        return values
    }
}

import Foundation
import LatentPictures
import LatentRetrieval

/// A PNG-ready picture of a search: the query beside its neighbours, each captioned with label and distance.
public enum SearchPicture {
    /// The query and its matches side by side, each under its caption.
    ///
    /// - Parameters:
    ///   - queryPixels: the prepared query (C*H*W planar in [0, 1]), shrunk like the index's thumbnails.
    ///   - name: the query's file name, for its caption.
    ///   - matches: what the search found, nearest first; each is captioned with its label (or file name) and
    ///     distance.
    ///   - index: the index searched, whose thumbnails are drawn.
    public static func render(
        query queryPixels: [Float], name: String, matches: [ImageMatch], index: ImageIndex
    ) throws -> Canvas {
        let thumbnails = index.thumbnails
        let query = try queryPixels.withUnsafeBufferPointer { buffer in
            try ThumbnailSet.shrinking(
                buffer, count: 1, channels: index.channels, height: index.height,
                width: index.width, largestSide: max(thumbnails.height, thumbnails.width))
        }
        let tiles =
            [(try query.thumbnail(0), ["QUERY", shortName(name)])]
            + (try matches.map {
                (
                    try thumbnails.thumbnail($0.row),
                    [
                        $0.label.isEmpty ? shortName($0.path) : $0.label,
                        String(format: "D %.3g", $0.distance),
                    ]
                )
            })
        // Small thumbnails are drawn larger so that captions stay readable beside them.
        let scale = max(1, 84 / max(query.width, thumbnails.width))
        let margin = 6
        let textScale = 2
        let lineHeight = 12
        let tileWidth =
            max(
                max(query.width, thumbnails.width) * scale,
                tiles.flatMap { $0.1.map { Canvas.textWidth($0, scale: textScale) } }.max() ?? 0) + margin
        let imageHeight = max(query.height, thumbnails.height) * scale
        var canvas = Canvas(
            width: margin + tiles.count * tileWidth, height: 2 * margin + imageHeight + 2 * lineHeight + 4)
        for (column, tile) in tiles.enumerated() {
            let left = margin + column * tileWidth
            let (width, height) = column == 0 ? (query.width, query.height) : (thumbnails.width, thumbnails.height)
            draw(
                tile.0, width: width, height: height, channels: thumbnails.channels, on: &canvas, x: left, y: margin,
                scale: scale)
            for (line, text) in tile.1.enumerated() {
                canvas.drawText(text, x: left, y: margin + imageHeight + 4 + line * lineHeight, scale: textScale)
            }
        }
        return canvas
    }

    /// Paints (H, W, C) bytes, each pixel a `scale` x `scale` square.
    private static func draw(
        _ pixels: [UInt8], width: Int, height: Int, channels: Int, on canvas: inout Canvas,
        x: Int, y: Int, scale: Int
    ) {
        for row in 0..<height {
            for column in 0..<width {
                let offset = pixels.startIndex + (row * width + column) * channels
                let colour =
                    channels == 1
                    ? (pixels[offset], pixels[offset], pixels[offset])
                    : (pixels[offset], pixels[offset + 1], pixels[offset + 2])
                canvas.fill(x: x + column * scale, y: y + row * scale, width: scale, height: scale, color: colour)
            }
        }
    }

    /// The file name without folders or extension, cut to fit under a tile.
    static func shortName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        return String(stem.prefix(14))
    }
}

import LatentCore

/// Rows of captioned image tiles (a query beside its neighbours, originals above reconstructions).
public struct ImageGrid {
    public struct Tile {
        /// C * H * W values in [0, 1], channel-major: an image's row of its dataset.
        public let pixels: [Float]
        public let caption: [String]
        public init(pixels: [Float], caption: [String]) {
            self.pixels = pixels
            self.caption = caption
        }
    }

    public let imageWidth: Int
    public let imageHeight: Int
    /// 1 for grey images, 3 for RGB.
    public let channels: Int
    public var rows: [(title: String, tiles: [Tile])] = []
    /// Canvas pixels per image pixel: by default tiles of about 84 pixels (28x28 images drawn three times over), and
    /// larger images at their own size.
    public var scale: Int

    public init(imageWidth: Int, imageHeight: Int, channels: Int = 1) {
        precondition(channels == 1 || channels == 3, "tiles are grey (1 channel) or RGB (3), not \(channels) channels")
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.channels = channels
        scale = max(1, 84 / max(imageWidth, imageHeight, 1))
    }

    /// Renders the grid: one row of tiles per entry, its title on the left, captions under each tile.
    public func render() -> Canvas {
        let margin = 6
        let textScale = 2
        let lineHeight = 6 * textScale
        let titleWidth = (rows.map { Canvas.textWidth($0.title, scale: textScale) }.max() ?? 0) + margin
        let captionLines = rows.flatMap { $0.tiles.map(\.caption.count) }.max() ?? 0
        let captionWidth =
            rows.flatMap { $0.tiles.flatMap { $0.caption.map { Canvas.textWidth($0, scale: textScale) } } }.max() ?? 0
        let tileWidth = max(imageWidth * scale, captionWidth) + margin
        let rowHeight = imageHeight * scale + captionLines * lineHeight + 2 * margin
        let columns = rows.map(\.tiles.count).max() ?? 0
        var canvas = Canvas(
            width: margin + titleWidth + columns * tileWidth, height: max(rows.count * rowHeight, 1) + margin)
        for (rowIndex, row) in rows.enumerated() {
            let top = margin + rowIndex * rowHeight
            canvas.drawText(row.title, x: margin, y: top + imageHeight * scale / 2 - lineHeight / 2, scale: textScale)
            for (column, tile) in row.tiles.enumerated() {
                let left = margin + titleWidth + column * tileWidth
                precondition(
                    tile.pixels.count == channels * imageHeight * imageWidth,
                    "a tile of \(tile.pixels.count) values in a grid of \(channels)x\(imageHeight)x\(imageWidth) images"
                )
                if channels == 3 {
                    canvas.drawRGB(
                        tile.pixels, imageWidth: imageWidth, imageHeight: imageHeight, x: left, y: top, scale: scale)
                } else {
                    canvas.drawGrey(
                        tile.pixels, imageWidth: imageWidth, imageHeight: imageHeight, x: left, y: top, scale: scale)
                }
                for (line, text) in tile.caption.enumerated() {
                    canvas.drawText(
                        text, x: left, y: top + imageHeight * scale + 4 + line * lineHeight, scale: textScale)
                }
            }
        }
        return canvas
    }
}

import Foundation
import LatentCore
import LatentPictures
import LatentTestSupport
import Testing

@Suite struct PNGTests {
    /// Python's zlib checks every chunk's CRC, inflates the pixels and reports size and a few pixels.
    static let decoder = """
        import struct, sys, zlib, json
        data = open(sys.argv[1], "rb").read()
        assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        pos, chunks = 8, {}
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0], kind
            chunks[kind.decode()] = chunks.get(kind.decode(), b"") + body
            pos += 12 + length
        width, height, depth, colour = struct.unpack(">IIBB", chunks["IHDR"][:10])
        raw = zlib.decompress(chunks["IDAT"])
        row = lambda y: raw[y * (3 * width + 1) + 1:(y + 1) * (3 * width + 1)]
        print(json.dumps({"width": width, "height": height, "depth": depth, "colour": colour,
                          "first": list(row(0)[:3]), "last": list(row(height - 1)[-3:])}))
        """

    @Test func aCanvasSavesAsAValidPNG() throws {
        var canvas = Canvas(width: 7, height: 5)
        canvas.fill(x: 6, y: 4, width: 1, height: 1, color: (10, 20, 30))
        let grey: [Float] = [0, 0.5, 1, 1]
        canvas.drawGrey(grey, imageWidth: 2, imageHeight: 2, x: 0, y: 0)
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("a.png")
        try canvas.savePNG(to: path)
        let output = try Python.run(PNGTests.decoder, arguments: [path])
        #expect(output.contains("\"width\": 7, \"height\": 5, \"depth\": 8, \"colour\": 2"))
        #expect(output.contains("\"first\": [0, 0, 0], \"last\": [10, 20, 30]"))
    }

    /// `latent retrieve --picture DIR` used to delete DIR with everything in it and put the PNG there.
    @Test func aDirectoryAtThePathIsRefusedAndKeepsItsContents() throws {
        let directory = try TestData.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let folder = (directory as NSString).appendingPathComponent("pictures")
        try FileManager.default.createDirectory(atPath: folder + "/album", withIntermediateDirectories: true)
        try "precious".write(toFile: folder + "/album/keep.txt", atomically: false, encoding: .utf8)
        #expect(throws: AtomicFile.Failure(folder, "is a directory; give a file name inside it (nothing was written)"))
        {
            try Canvas(width: 2, height: 2).savePNG(to: folder)
        }
        #expect(try String(contentsOfFile: folder + "/album/keep.txt", encoding: .utf8) == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["pictures"])
    }

    @Test func aGridHasTheExpectedPixelSize() {
        var grid = ImageGrid(imageWidth: 28, imageHeight: 28)
        grid.scale = 2
        let tile = ImageGrid.Tile(pixels: [Float](repeating: 0.5, count: 784), caption: ["SANDAL", "D 1.25"])
        grid.rows = [("QUERY", [tile]), ("PIXELS", [tile, tile, tile])]
        let canvas = grid.render()
        // Tiles are 56 pixels (captions are narrower) plus a 6-pixel margin; rows hold the image and two caption lines.
        let titleWidth = Canvas.textWidth("PIXELS", scale: 2) + 6
        #expect(canvas.width == 6 + titleWidth + 3 * (56 + 6))
        #expect(canvas.height == 2 * (56 + 2 * 12 + 12) + 6)
    }
}

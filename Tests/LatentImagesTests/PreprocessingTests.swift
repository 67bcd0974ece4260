import Testing

@testable import LatentImages

/// Crop, pad, grey conversion and the area filter against values worked out by hand.
@Suite struct PreprocessingTests {
    /// A grey image from one byte per pixel.
    static func grey(_ width: Int, _ height: Int, _ values: [UInt8]) -> DecodedImage {
        DecodedImage(width: width, height: height, rgb: values.flatMap { [$0, $0, $0] })
    }

    @Test func shrinkingAveragesBlocks() {
        let image = Self.grey(
            4, 4,
            [
                0, 10, 100, 110,
                20, 30, 120, 130,
                200, 200, 0, 4,
                200, 200, 8, 8,
            ])
        let out = Preprocessing(size: 2, colour: .grey).apply(to: image)
        #expect(out.bytes == [15, 115, 200, 5])
    }

    /// 3 -> 2: scale 1.5; output 0 covers [0, 1.5): pixel 0 with weight 1/1.5, pixel 1 with 0.5/1.5.
    /// Row [0, 90, 180] gives [(0 + 45) / 1.5, (45 + 180) / 1.5] = [30, 150]; rows are equal so columns agree.
    @Test func fractionalAreaWeights() {
        let image = Self.grey(3, 3, [0, 90, 180, 0, 90, 180, 0, 90, 180])
        #expect(Preprocessing(size: 2, colour: .grey).apply(to: image).bytes == [30, 150, 30, 150])
    }

    @Test func enlargingRepeatsPixels() {
        let image = Self.grey(2, 2, [10, 20, 30, 40])
        #expect(
            Preprocessing(size: 4, colour: .grey).apply(to: image).bytes
                == [10, 10, 20, 20, 10, 10, 20, 20, 30, 30, 40, 40, 30, 30, 40, 40])
    }

    @Test func cropKeepsTheCentre() {
        // 6 x 2: the centre square is columns 2 and 3.
        let image = Self.grey(6, 2, [1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16])
        #expect(Preprocessing(size: 2, colour: .grey, fit: .crop).apply(to: image).bytes == [3, 4, 13, 14])
        // 2 x 6 tall: rows 2 and 3.
        let tall = Self.grey(2, 6, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        #expect(Preprocessing(size: 2, colour: .grey).apply(to: tall).bytes == [5, 6, 7, 8])
    }

    @Test func padAddsBlackBands() {
        // 4 x 2 padded to 4 x 4: one black row above and below.
        let image = Self.grey(4, 2, [10, 20, 30, 40, 50, 60, 70, 80])
        #expect(
            Preprocessing(size: 4, colour: .grey, fit: .pad).apply(to: image).bytes
                == [0, 0, 0, 0, 10, 20, 30, 40, 50, 60, 70, 80, 0, 0, 0, 0])
        // Shrunk to 2: each output averages a 2x2 block with half of it black.
        #expect(Preprocessing(size: 2, colour: .grey, fit: .pad).apply(to: image).bytes == [8, 18, 28, 38])
    }

    /// Grey is ITU-R BT.601 luma: red 255 -> 76.245 -> 76, green 255 -> 149.685 -> 150, blue 255 -> 29.07 -> 29.
    @Test func greyIsLuma() {
        let image = DecodedImage(width: 3, height: 1, rgb: [255, 0, 0, 0, 255, 0, 0, 0, 255])
        let out = Preprocessing(size: 3, colour: .grey, fit: .pad).apply(to: image)
        #expect(Array(out.bytes[3..<6]) == [76, 150, 29])
    }

    @Test func rgbIsChannelMajor() {
        let image = DecodedImage(width: 2, height: 2, rgb: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        let out = Preprocessing(size: 2, colour: .rgb).apply(to: image)
        #expect(out.bytes == [1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12])
        // As ImageDataset scales bytes.
        #expect(out.pixels == [1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12].map { Float($0) * (1 / 255) })
    }

    @Test func storedAsJSONAndReadBack() throws {
        let preprocessing = Preprocessing(size: 64, colour: .grey, fit: .pad)
        #expect(preprocessing.json == #"{"colour":"grey","filter":"area","fit":"pad","size":64}"#)
        #expect(try Preprocessing(json: preprocessing.json, source: "x.h5") == preprocessing)
    }

    @Test(arguments: [
        #"{"colour":"grey","filter":"area","fit":"pad","size":0}"#,
        #"{"colour":"blue","filter":"area","fit":"pad","size":8}"#, "not json",
    ])
    func damagedDescriptionsAreRefused(json: String) {
        #expect(throws: ImageError.self) { try Preprocessing(json: json, source: "x.h5") }
    }
}

/// Large JPEGs are decoded at a reduced scale; the result stays within a level or two of a full decode.
@Suite struct ReducedDecodingTests {
    @Test func reducedDecodeMatchesFullDecodeClosely() throws {
        var pixels: [UInt8] = []
        for y in 0..<192 { for x in 0..<256 { pixels += [UInt8(x), UInt8(y), UInt8((x + y) / 2)] } }
        let jpeg = JPEGWriter.jpeg(width: 256, height: 192, pixels: pixels, quality: 95)
        let preprocessing = Preprocessing(size: 8)
        let full = preprocessing.apply(to: try ImageDecoder.decode(jpeg, name: "t")).bytes
        let reduced = try preprocessing.pixels(of: jpeg, name: "t").map { UInt8(($0 * 255).rounded()) }
        // 1/8 keeps the short side at 24, at least the 16 pixels asked for; 1/4 would be weaker.
        let decoded = try ImageDecoder.decode(
            jpeg, name: "t", limits: .standard, minimumShortSide: preprocessing.minimumDecodedSide)
        #expect((decoded.width, decoded.height) == (32, 24))
        let difference = zip(full, reduced).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(difference <= 2)
        // The centre 192 x 192 crop starts at column 32: the first red block averages columns 32...55, about 43.5.
        #expect(abs(Int(reduced[0]) - 44) <= 2)
    }
}

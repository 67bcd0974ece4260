import LatentCore
import LatentData
import Testing

@Suite struct AugmentationTests {
    /// `count` images of `channels`x`height`x`width` with values drawn in [0, 1].
    func randomImages(count: Int, channels: Int = 3, height: Int = 12, width: Int = 10, seed: UInt64 = 1) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let size = count * channels * height * width
        return Tensor(
            shape: [count, channels * height * width],
            scalars: (0..<size).map { _ in
                Float.random(in: 0...1, using: &generator)
            })
    }

    func views(
        _ spec: String, of images: Tensor, channels: Int = 3, height: Int = 12, width: Int = 10, seed: UInt64 = 3
    )
        throws -> [Float]
    {
        var generator = SeededGenerator(seed: seed)
        return try Augmentation(parsing: spec).views(
            of: images, channels: channels, height: height, width: width, using: &generator
        ).scalars
    }

    @Test func theSameSeedGivesBitIdenticalViews() throws {
        let images = randomImages(count: 8)
        let spec = "crop:0.3,flip,jitter:0.5,grey:0.5,blur:2,jpeg:30"
        let first = try views(spec, of: images, seed: 11)
        #expect(first == (try views(spec, of: images, seed: 11)))
        #expect(first != (try views(spec, of: images, seed: 12)))
        #expect(first != images.scalars)
        // The generator moves on, so a second call draws other views.
        var generator = SeededGenerator(seed: 11)
        let chain = try Augmentation(parsing: spec)
        let once = chain.views(of: images, channels: 3, height: 12, width: 10, using: &generator).scalars
        let twice = chain.views(of: images, channels: 3, height: 12, width: 10, using: &generator).scalars
        #expect(once == first && twice != first)
    }

    @Test func mirroringTwiceGivesTheImageBack() throws {
        // One grey image of 2 rows of 3 pixels.
        let image = Tensor(shape: [1, 6], scalars: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        let mirrored = image.mirroredHorizontally(width: 3)
        #expect(mirrored.scalars == [0.3, 0.2, 0.1, 0.6, 0.5, 0.4])
        #expect(mirrored.mirroredHorizontally(width: 3).scalars == image.scalars)
        // The flip step gives each image or its mirror, both about half the time.
        let images = randomImages(count: 64)
        let flipped = try views("flip", of: images)
        let mirror = images.mirroredHorizontally(width: 10).scalars
        let size = 3 * 12 * 10
        let wasMirrored = (0..<64).map { n in
            let row = flipped[(n * size)..<((n + 1) * size)]
            #expect(
                row.elementsEqual(images.scalars[(n * size)..<((n + 1) * size)])
                    || row.elementsEqual(mirror[(n * size)..<((n + 1) * size)]))
            return row.elementsEqual(mirror[(n * size)..<((n + 1) * size)])
        }
        #expect((20...44).contains(wasMirrored.filter { $0 }.count))
    }

    @Test func aCropOfScaleOneKeepsTheImage() throws {
        let images = randomImages(count: 16)
        #expect(try views("crop:1", of: images) == images.scalars)
        let cropped = try views("crop:0.3", of: images)
        #expect(cropped != images.scalars && cropped.allSatisfy { (0...1).contains($0) })
    }

    @Test func aCropStretchesItsBoxBilinearly() throws {
        // A horizontal ramp 0, 1/9, ..., 1 stays a ramp under any crop: each row increases at one rate everywhere
        // (bilinear sampling of a linear function is exact), and every row is the same up to rounding.
        let ramp = (0..<10).map { Float($0) / 9 }
        let image = Tensor(shape: [1, 80], scalars: Array((0..<8).map { _ in ramp }.joined()))
        let cropped = try views("crop:0.25", of: image, channels: 1, height: 8, width: 10, seed: 5)
        let row = Array(cropped[0..<10])
        let steps = zip(row.dropFirst(), row).map { $0 - $1 }
        #expect(steps.allSatisfy { abs($0 - steps[0]) < 1e-5 } && steps[0] > 0 && steps[0] < 1 / 9 - 1e-3)
        #expect(
            (0..<8).allSatisfy { y in zip(cropped[(y * 10)..<(y * 10 + 10)], row).allSatisfy { abs($0 - $1) < 1e-6 } })
    }

    @Test func jitterOfStrengthZeroKeepsTheImage() throws {
        let colour = randomImages(count: 4)
        #expect(try views("jitter:0", of: colour) == colour.scalars)
        let grey = randomImages(count: 4, channels: 1)
        #expect(try views("jitter:0", of: grey, channels: 1) == grey.scalars)
        #expect(try views("jitter:0.8", of: colour) != colour.scalars)
    }

    @Test func greyscaleGivesEqualChannels() throws {
        // One pixel: red 1, green 0.5, blue 0.
        let pixel = Tensor(shape: [1, 3], scalars: [1, 0.5, 0])
        let grey = try views("grey:1", of: pixel, height: 1, width: 1)
        let level: Float = 0.299 + 0.587 * 0.5
        #expect(grey.allSatisfy { abs($0 - level) < 1e-6 })
        let images = randomImages(count: 4)
        let views = try views("grey:1", of: images)
        let area = 120
        for n in 0..<4 {
            let base = n * 360
            #expect((0..<area).allSatisfy { views[base + $0] == views[base + area + $0] })
            #expect((0..<area).allSatisfy { views[base + $0] == views[base + 2 * area + $0] })
        }
        #expect(try self.views("grey:0", of: images) == images.scalars)
    }

    @Test func blurSpreadsADotSymmetricallyAndKeepsItsSum() throws {
        // A dot in the middle of a 1x15x15 black image, far enough from the edges for blur:1 (radius 3).
        var values = [Float](repeating: 0, count: 225)
        values[7 * 15 + 7] = 1
        let blurred = try views(
            "blur:1", of: Tensor(shape: [1, 225], scalars: values), channels: 1, height: 15, width: 15)
        #expect(abs(blurred.reduce(0, +) - 1) < 1e-5)
        #expect(blurred[7 * 15 + 7] < 1 && blurred[7 * 15 + 7] > blurred[7 * 15 + 8])
        #expect(blurred[7 * 15 + 6] == blurred[7 * 15 + 8] && blurred[6 * 15 + 7] == blurred[8 * 15 + 7])
        #expect(blurred[0] == 0)
    }

    @Test func jpegKeepsTheImageCloseInWholeBytes() throws {
        // A smooth colour gradient loses little at quality 90 and above.
        var values: [Float] = []
        for channel in 0..<3 {
            for pixel in 0..<256 { values.append(Float((pixel % 16) * (channel + 1) + pixel / 16) / 64) }
        }
        let image = Tensor(shape: [1, 768], scalars: values)
        let decoded = try views("jpeg:90", of: image, height: 16, width: 16)
        #expect(decoded != values)
        #expect(zip(decoded, values).allSatisfy { abs($0 - $1) < 0.06 })
        // Whole bytes come back: every value is a multiple of 1/255.
        let bytes = decoded.map { $0 * 255 }
        #expect(bytes.allSatisfy { abs($0.rounded() - $0) < 1e-3 })
    }

    @Test(arguments: [1, 3]) func everyViewStaysInTheUnitRange(channels: Int) throws {
        var images = randomImages(count: 6, channels: channels).scalars
        // Whole black and whole white images too.
        for i in 0..<(channels * 120) {
            images[i] = 0
            images[channels * 120 + i] = 1
        }
        let tensor = Tensor(shape: [6, channels * 120], scalars: images)
        let all = try views("crop:0.1,flip,jitter:1,grey:0.5,blur:3,jpeg:1", of: tensor, channels: channels)
        #expect(all.allSatisfy { (0...1).contains($0) })
        #expect(all.count == images.count)
    }

    @Test func aSpecReadsBackFromItsDescription() throws {
        let chain = try Augmentation(parsing: "crop:0.50, flip,jitter:0.4,grey:0.2,blur:1.5,jpeg:40")
        #expect(chain.description == "crop:0.5,flip,jitter:0.4,grey:0.2,blur:1.5,jpeg:40")
        #expect(try Augmentation(parsing: chain.description) == chain)
        #expect(try Augmentation(parsing: Augmentation.simclr.description) == Augmentation.simclr)
        #expect(Augmentation.simclr.description == "crop:0.2,flip,jitter:0.4,grey:0.2,blur:1")
        #expect(try Augmentation(parsing: "blur:2,crop:1").steps == [.blur(maximumSigma: 2), .crop(minimumScale: 1)])
    }

    @Test(arguments: [
        ("jpeg:300", "jpeg quality must be 1-100, got 300"),
        ("jpeg", "jpeg quality must be 1-100, got nothing"),
        ("crop:0", "crop scale must be (0, 1], got 0"),
        ("crop:big", "crop scale must be (0, 1], got big"),
        ("jitter:2", "jitter strength must be 0-1, got 2"),
        ("grey:nan", "grey probability must be 0-1, got nan"),
        ("blur:0", "blur sigma must be (0, 10], got 0"),
        ("flip:0.5", "flip takes no value, got flip:0.5"),
        ("flip,flip", "flip appears twice in flip,flip; each step may appear once"),
        ("", "no steps; write them separated by commas, e.g. crop:0.5,flip"),
        (
            "crop:0.5,,flip",
            "unknown step ''; the steps are crop:MIN_SCALE, flip, jitter:STRENGTH, grey:PROBABILITY, "
                + "blur:MAX_SIGMA, jpeg:MIN_QUALITY"
        ),
        (
            "rotate:10",
            "unknown step 'rotate'; the steps are crop:MIN_SCALE, flip, jitter:STRENGTH, grey:PROBABILITY, "
                + "blur:MAX_SIGMA, jpeg:MIN_QUALITY"
        ),
    ])
    func badSpecsAreRefusedByStep(spec: String, message: String) {
        #expect(throws: DataError.invalidArgument(message)) { try Augmentation(parsing: spec) }
    }
}

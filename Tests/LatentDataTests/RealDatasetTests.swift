import LatentData
import LatentTestSupport
import Testing

@Suite struct RealDatasetTests {
    @Test(.enabled(if: TestData.hasFashionMNIST, "needs Debian's dataset-fashion-mnist"))
    func fashionMNISTHasItsKnownShape() throws {
        let train = try KnownDataset.fashionMNIST.load(.train, from: TestData.fashionMNISTDirectory)
        let test = try KnownDataset.fashionMNIST.load(.test, from: TestData.fashionMNISTDirectory)
        #expect(train.count == 60_000 && test.count == 10_000)
        #expect(train.height == 28 && train.width == 28)
        #expect(train.images.shape == [60_000, 784])
        #expect(LabelSummary(train).counts == [Int](repeating: 6_000, count: 10))
        #expect(LabelSummary(test).counts == [Int](repeating: 1_000, count: 10))
        let pixels = train.images.scalars
        #expect(pixels.min() == 0 && pixels.max() == 1)
        #expect(train.classNames[7] == "Sneaker")
    }

    @Test(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"))
    func mnistHasItsPublishedLabelCounts() throws {
        let train = try KnownDataset.mnist.load(.train, from: TestData.mnistDirectory)
        let test = try KnownDataset.mnist.load(.test, from: TestData.mnistDirectory)
        #expect(LabelSummary(train).counts == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        #expect(LabelSummary(test).counts == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        let summary = LabelSummary(train)
        #expect(abs(summary.pixelMean - 0.1307) < 5e-4)
        #expect(abs(summary.pixelStandardDeviation - 0.3081) < 5e-4)
        #expect(summary.mostFrequent == [1] && summary.leastFrequent == [5])
    }

    @Test(.enabled(if: TestData.hasMNIST, "needs ../shared/data/mnist"))
    func subsetsOfRealData() throws {
        let test = try KnownDataset.mnist.load(.test, from: TestData.mnistDirectory)
        let sevens = try test.filtered(classes: [7])
        #expect(sevens.count == 1028 && Set(sevens.labels) == [7])
        let few = try test.sampled(perClass: 10, seed: 3)
        #expect(LabelSummary(few).counts == [Int](repeating: 10, count: 10))
        #expect(try test.sampled(perClass: 10, seed: 3).labels == few.labels)
        let (train, validation) = try test.split(validationFraction: 0.1, seed: 1)
        #expect(train.count == 9_000 && validation.count == 1_000)
        let renamed = try test.filtered(classes: [5, 6, 7, 8, 9]).relabeled([5: 0, 6: 1, 7: 2, 8: 3, 9: 4])
        #expect(Set(renamed.labels) == [0, 1, 2, 3, 4] && renamed.classNames == ["5", "6", "7", "8", "9"])
        // The selected images are the original pixels, row for row.
        let firstSeven = test.labels.firstIndex(of: 7)!
        #expect(sevens.images.rows(0..<1).scalars == test.images.rows(firstSeven..<(firstSeven + 1)).scalars)
    }
}

import LatentCore
import LatentData
import Testing

@Suite struct BatchingTests {
    func dataset(count: Int) -> ImageDataset {
        let images = Tensor(shape: [count, 4], scalars: (0..<(count * 4)).map { Float($0) })
        return ImageDataset(
            name: "counting", images: images, labels: (0..<count).map { $0 % 2 }, height: 2, width: 2,
            classNames: ["even", "odd"])
    }

    @Test func everyImageOnceAndRowsMatchTheirIndices() {
        let data = dataset(count: 10)
        let batches = Array(MiniBatches(data, batchSize: 4, shuffleSeed: 9))
        #expect(batches.map(\.labels.count) == [4, 4, 2])
        let indices = batches.flatMap(\.indices)
        #expect(indices.sorted() == Array(0..<10) && indices != Array(0..<10))
        for batch in batches {
            for (row, index) in batch.indices.enumerated() {
                #expect(
                    batch.images.scalars[(row * 4)..<(row * 4 + 4)].elementsEqual((0..<4).map { Float(index * 4 + $0) })
                )
            }
        }
        #expect(Array(MiniBatches(data, batchSize: 4, shuffleSeed: 9)).flatMap(\.indices) == indices)
        #expect(Array(MiniBatches(data, batchSize: 4, shuffleSeed: nil)).flatMap(\.indices) == Array(0..<10))
    }

    @Test func partsOfEachBatchTogetherAreTheWholeBatch() {
        // 3 processes over batches of 6 of 14 images: the last batch of 2 leaves one process an empty part.
        let data = dataset(count: 14)
        let whole = Array(MiniBatches(data, batchSize: 6, shuffleSeed: 5))
        let parts = (0..<3).map { Array(MiniBatches(data, batchSize: 6, shuffleSeed: 5, part: $0, of: 3)) }
        #expect(parts.allSatisfy { $0.count == whole.count })
        for (number, batch) in whole.enumerated() {
            #expect(parts.flatMap { $0[number].indices } == batch.indices)
            #expect(parts.allSatisfy { $0[number].wholeCount == batch.labels.count })
            #expect(parts.flatMap { $0[number].images.scalars } == batch.images.scalars)
        }
        #expect(parts.map { $0[0].labels.count } == [2, 2, 2] && parts.map { $0[2].labels.count } == [0, 1, 1])
    }

    @Test func corruptionTouchesOnlyTheCopy() {
        var generator = SeededGenerator(seed: 1)
        let clean = Tensor(repeating: 0.5, shape: [100, 10])
        let masked = Corruption.masking(fraction: 0.3).apply(to: clean, using: &generator)
        let zeroed = masked.scalars.filter { $0 == 0 }.count
        #expect(zeroed > 200 && zeroed < 400)
        let noisy = Corruption.gaussian(standardDeviation: 0.1).apply(to: clean, using: &generator)
        let values = noisy.scalars
        #expect(values.allSatisfy { (0...1).contains($0) } && values.contains { $0 != 0.5 })
        #expect(clean.scalars.allSatisfy { $0 == 0.5 })
    }
}

import LatentCore
import Testing

@Suite struct SeededGeneratorTests {
    @Test func jumpMatchesTheXoshiroReference() throws {
        // The state and the next draw after one jump from (1, 2, 3, 4), by the authors' C code (xoshiro256starstar.c).
        var generator = try #require(SeededGenerator(state: [1, 2, 3, 4]))
        generator.jump()
        #expect(
            generator.stateWords == [
                10_122_426_448_480_695_249, 8_079_205_330_032_121_950, 7_289_065_458_748_526_725,
                9_477_464_255_293_849_680,
            ])
        #expect(generator.next() == 13_534_147_089_533_256_664)
    }
}

import ArgumentParser
import Foundation
import LatentCore
import LatentLinalg
import LatentModels
import LatentNN
import LatentPictures
import LatentSearch
import LatentSearchTestSupport
import LatentTestSupport
import Testing

@testable import latent

/// The one rule for output paths, on real files of every kind Latent writes.
@Suite final class OutputRuleTests {
    let scratch: ScratchDirectory
    var checkpoint: String { scratch.path("run/model.h5") }
    var index: String { scratch.path("i.h5") }
    var pca: String { scratch.path("pca.h5") }
    var photo: String { scratch.path("photo.png") }
    var notes: String { scratch.path("notes.csv") }

    init() throws {
        scratch = try ScratchDirectory()
        var generator = SeededGenerator(seed: 1)
        try Checkpoint(model: try LayerSpec.linear(inputs: 4, outputs: 2).build(using: &generator)).save(to: checkpoint)
        try ImageIndexBuilder.build(SearchFixtures.source(), codes: .pixels, metric: .cosine, thumbnailSide: 4)
            .save(to: index)
        let rows = Tensor.uniform([20, 6], in: -1...1, using: &generator)
        try PCA.fit(rows, components: 2).save(to: pca)
        let png = try #require(ImagePNG.encode([Float](repeating: 0.5, count: 12), channels: 3, height: 2, width: 2))
        try png.write(to: URL(fileURLWithPath: photo))
        try "query,rank\n".write(toFile: notes, atomically: true, encoding: .utf8)
    }

    /// The message of the `ValidationError` that `body` throws, or nil.
    func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as ValidationError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func eachFileIsKnownByItsKind() {
        #expect(FileKind(ofFileAt: checkpoint) == .checkpoint)
        #expect(FileKind(ofFileAt: index) == .index)
        #expect(FileKind(ofFileAt: pca) == .tensors("pca"))
        #expect(FileKind(ofFileAt: photo) == .picture)
        #expect(FileKind(ofFileAt: notes) == .other)
        #expect(FileKind(ofFileAt: scratch.path("none.h5")) == nil)
        #expect(FileKind(ofFileAt: scratch.path("run")) == nil)
    }

    /// `search --image q --table q` under another name (a link): the same inode, so refused, naming both names.
    @Test func anInputIsNeverReplacedHoweverItIsNamed() throws {
        let rule = OutputRule(inputs: [("--index", index), ("--image", photo)], force: false)
        let other = scratch.path("link.png")
        try #require(symlink(photo, other) == 0)
        #expect(
            refusal { try rule.check(other, "--table", writes: .other, named: "a table") }
                == "--table \(other) is the --image file \(photo): writing it would replace what this command reads; "
                + "give another name, or add --force")
        #expect(refusal { try rule.check(index, "--picture", writes: .picture) }?.contains("the --index file") == true)
        #expect(
            refusal { try OutputRule(inputs: [("--index", index)], force: true).check(index, "--out", writes: .index) }
                == nil)
    }

    @Test func aFileOfAnotherKindIsRefusedAndOneOfTheSameReplaced() {
        let rule = OutputRule(inputs: [], force: false)
        #expect(
            refusal { try rule.check(checkpoint, "--out", writes: .dataset) }
                == "--out \(checkpoint) exists and is a Latent checkpoint; this command writes an imported dataset "
                + "and would replace it. Give another name, or add --force to replace it")
        #expect(refusal { try rule.check(pca, "--out", writes: .tensors("codes")) }?.contains("is a PCA file") == true)
        #expect(
            refusal { try rule.check(notes, "--out", writes: .index) }?.contains("a file Latent did not write") == true)
        #expect(
            refusal { try rule.check(photo, "--table", writes: .other, named: "a table") }?.contains("an image") == true
        )
        // The same kind, nothing there yet, or --force: written.
        #expect(refusal { try rule.check(index, "--out", writes: .index) } == nil)
        #expect(refusal { try rule.check(notes, "--table", writes: .other) } == nil)
        #expect(refusal { try rule.check(scratch.path("new.h5"), "--out", writes: .dataset) } == nil)
        #expect(refusal { try OutputRule(inputs: [], force: true).check(checkpoint, "--out", writes: .dataset) } == nil)
    }

    @Test func aRunFolderHoldingACheckpointNeedsResumeOrForce() {
        let folder = scratch.path("run")
        #expect(
            refusal {
                try OutputRule(inputs: [], force: false).checkRunFolder(folder, checkpoint: checkpoint, resume: false)
            }
                == "--out \(folder) already holds another run: \(checkpoint) is a Latent checkpoint. Continue it with "
                + "--resume, give another --out, or add --force to replace it")
        #expect(
            refusal {
                try OutputRule(inputs: [], force: false).checkRunFolder(folder, checkpoint: checkpoint, resume: true)
            } == nil)
        #expect(
            refusal {
                try OutputRule(inputs: [], force: true).checkRunFolder(folder, checkpoint: checkpoint, resume: false)
            } == nil)
        let empty = scratch.path("fresh")
        #expect(
            refusal {
                try OutputRule(inputs: [], force: false).checkRunFolder(
                    empty, checkpoint: empty + "/model.h5", resume: false)
            } == nil)
    }
}

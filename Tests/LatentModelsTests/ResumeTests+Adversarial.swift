import Foundation
import LatentCore
import LatentModels
import LatentNN
import Testing

extension ResumeTests {
    /// The discriminator's weights, its Adam's and the generator phase's moments, and the prior draws' generator all
    /// travel in the checkpoint; putting back any one of them as a fresh run has it breaks the resume.
    @Test func anAdversarialAutoencoderResumesExactly() throws {
        let spec = try AutoencoderArchitecture.adversarial(AutoencoderArchitecture.dense.spec(codeSize: 8), codeSize: 8)
        let run = autoencoderRun(spec)
        let (half, straight, _) = try expectResumeIsExact(run)
        let slots = try #require(half.optimizer).tensors.keys
        #expect(half.optimizer?.kind == "adam+adversarial")
        #expect(slots.contains("m/discriminator.4.weight") && slots.contains("generator_v/encoder.0.weight"))

        var fresh = SeededGenerator(seed: 7)
        let freshModel = try spec.build(using: &fresh)
        var freshDiscriminator = half
        for (name, tensor) in freshModel.stateTensors where name.hasPrefix("discriminator.") {
            freshDiscriminator.tensors[name] = tensor
        }
        try expectTamperedResumeDiffers(run, from: freshDiscriminator, straight: straight)
        try forgetTamperedRun()

        var freshGeneratorPhase = half
        for key in slots where key.hasPrefix("generator_") {
            freshGeneratorPhase.optimizer?.tensors[key] = nil
            freshGeneratorPhase.optimizer?.shapes[key] = nil
        }
        try expectTamperedResumeDiffers(run, from: freshGeneratorPhase, straight: straight)
        try forgetTamperedRun()

        var freshPrior = half
        freshPrior.training?.lossGenerator = SeededGenerator(seed: 3 &+ 0x5EED)
        try expectTamperedResumeDiffers(run, from: freshPrior, straight: straight)
    }

    /// Removes the files of the last tampered run, so that the next one starts from the straight run's log again.
    private func forgetTamperedRun() throws {
        for name in ["tampered.h5", "tampered.jsonl"] { try FileManager.default.removeItem(atPath: scratch.path(name)) }
    }
}

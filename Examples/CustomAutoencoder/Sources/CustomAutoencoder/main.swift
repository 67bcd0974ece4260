import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN

// Trains a dense autoencoder with a Swish layer and the Huber loss on Fashion-MNIST for one epoch, saves it,
// loads it back and checks that the loaded model gives the same outputs, bit for bit.

/// Stops with a message and a non-zero status, as a command-line tool should.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CustomAutoencoder: \(message)\n".utf8))
    exit(1)
}

do {
    try LayerRegistry.register(Swish.Description.self)

    let directory = KnownDataset.fashionMNIST.directory(flag: CommandLine.arguments.dropFirst().first)
    let train = try KnownDataset.fashionMNIST.load(.train, from: directory)
    let test = try KnownDataset.fashionMNIST.load(.test, from: directory)

    var generator = SeededGenerator(seed: 1)
    let model = try LayerSpec.named(layers: [
        NamedLayerSpec(
            "encoder",
            .sequential(layers: [
                .linear(inputs: 784, outputs: 128), LayerSpec(Swish.Description(features: 128)),
                .linear(inputs: 128, outputs: 32),
            ])),
        NamedLayerSpec(
            "decoder",
            .sequential(layers: [
                .linear(inputs: 32, outputs: 128), LayerSpec(Swish.Description(features: 128)),
                .linear(inputs: 128, outputs: 784), .sigmoid,
            ])),
    ]).build(using: &generator)
    print(try model.summary(inputShape: [784]))

    let loss = HuberLoss()
    let trainer = Trainer(
        model: model, optimizer: Adam(learningRate: 1e-3),
        options: TrainingOptions(epochs: 1, batchSize: 128, seed: 1))
    let reports = try trainer.fit(train) { batch in loss(model(batch.images), batch.images) }
    let error = try Autoencoder(model).reconstructionError(test.images)
    print("epoch 1: Huber loss \(reports[0].trainLoss), test MSE per pixel \(error)")
    guard error < 0.03 else { fail("one epoch left the test MSE at \(error); expected below 0.03") }

    let path = NSTemporaryDirectory() + "custom-autoencoder-\(ProcessInfo.processInfo.processIdentifier).h5"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Checkpoint(model: model, kind: .autoencoder).save(to: path)
    let reloaded = try Checkpoint.load(from: path).buildModel(inputShape: [784])
    guard reloaded.layer(at: "encoder.1") is Swish else { fail("the reloaded encoder.1 is not a Swish layer") }

    model.setTraining(false)
    reloaded.setTraining(false)
    let (before, after) = GradientMode.withoutGradients { (model(test.images), reloaded(test.images)) }
    guard before.scalars.map(\.bitPattern) == after.scalars.map(\.bitPattern) else {
        fail("the reloaded model's outputs differ from the trained model's")
    }
    print("saved, reloaded from \(path): the same \(after.count) outputs, bit for bit")
} catch {
    fail("\(error)")
}

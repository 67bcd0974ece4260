// A plain (non-async) driver for the training steps of P3, P4 and P5, for valgrind: the `latent` binary starts
// through swift-argument-parser's async main, which valgrind 3.19 cannot run (it stops in rt_sigsuspend), and
// cannot read the DWARF 5 debug information Swift emits (callgrind.sh strips it).
// Usage: steps MODEL STEPS (MODEL: dense-ae | conv-ae | cnn); the steps after the first are in `timedSteps`.
import LatentCore
import LatentModels
import LatentNN

@inline(never) func timedSteps(_ count: Int, _ step: (Int) -> Void) { for index in 0..<count { step(index) } }

let arguments = CommandLine.arguments
let model = arguments.count > 1 ? arguments[1] : "conv-ae"
let steps = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
var generator = SeededGenerator(seed: 0)
let images = (0..<4).map { _ in Tensor.uniform([128, 784], in: 0...1, using: &generator) }
let labels = (0..<4).map { _ in (0..<128).map { _ in Int.random(in: 0..<10, using: &generator) } }
let network: any Layer
let loss: (Tensor, [Int]) -> Tensor
if model == "cnn" {
    network = try ClassifierArchitecture.cnn.spec(classes: 10).build(using: &generator)
    loss = { x, y in Loss.crossEntropy(logits: network(x), labels: y) }
} else {
    let architecture: AutoencoderArchitecture = model == "dense-ae" ? .dense : .conv
    let autoencoder = try Autoencoder(try architecture.spec(codeSize: 32).build(using: &generator))
    network = autoencoder.model
    loss = { x, _ in Loss.meanSquaredError(autoencoder.model(x), x) }
}
let optimizer = Adam()
let step = { (index: Int) in
    network.zeroGradients()
    let value = loss(images[index % images.count], labels[index % labels.count])
    value.backward()
    optimizer.step(network.trainableParameters)
}
step(0)
timedSteps(steps, step)

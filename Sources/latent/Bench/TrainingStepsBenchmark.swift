import ArgumentParser
import Foundation
import LatentCore
import LatentData
import LatentModels
import LatentNN

/// `latent bench steps`: the training step of P3, P4, P5, `train ssl` or Burda et al.'s VAE and IWAE alone, timed and
/// split per kernel.
///
/// The step is the Trainer's (zero the gradients, loss, backward, Adam) on fixed batches, so that
/// a profiler (perf, callgrind) sees only training and two runs compare instruction for instruction.
struct TrainingStepsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steps",
        abstract: "Time the training steps of P3, P4, P5, SimCLR, the VAE or the IWAE and split them per kernel.")

    enum Model: String, ExpressibleByArgument, CaseIterable {
        case denseAE = "dense-ae"
        case convAE = "conv-ae"
        case cnn
        /// `train ssl`'s default: SimCLR on the resnet8 encoder, two views of each image as one batch of 2N.
        case ssl
        /// `train ae --arch burda --code 50`: Burda et al.'s 784-200-200-50 tanh VAE with Bernoulli pixels.
        case vae
        /// The same model trained on the importance-weighted bound with 50 codes per image.
        case iwae
    }

    @Option(
        help: ArgumentHelp(
            "The protocol's model: dense-ae (P3), conv-ae (P4), cnn (P5), ssl (SimCLR, resnet8), vae or iwae "
                + "(784-200-200-50, binary pixels; iwae with 50 codes per image)."))
    var model: Model = .convAE

    @Option(parsing: .unconditional, help: "Timed steps after the warm-up ones.")
    var steps = 40

    @Option(parsing: .unconditional, help: "Untimed steps first (buffers, caches, OpenBLAS's threads).")
    var warmup = 5

    @Option(help: "Directory holding Fashion-MNIST; without it (or with --synthetic) the images are uniform noise.")
    var dataDir: String?

    @Flag(help: "Uniform random images instead of Fashion-MNIST (for instruction counts that need no data).")
    var synthetic = false

    func validate() throws {
        try OptionChecks.require(steps, in: 1...OptionChecks.largestCount, "--steps")
        try OptionChecks.require(warmup, in: 0...OptionChecks.largestCount, "--warmup")
    }

    func run() throws {
        let batchSize = 128
        var generator = SeededGenerator(seed: 0)
        var (images, labels) = try batches(count: 8, batchSize: batchSize, using: &generator)
        let network: any Layer
        let loss: (Tensor, [Int]) -> Tensor
        switch model {
        case .denseAE, .convAE:
            let autoencoder = try Autoencoder(
                try (model == .denseAE ? AutoencoderArchitecture.dense : .conv)
                    .spec(codeSize: 32).build(using: &generator))
            network = autoencoder.model
            loss = { x, _ in Loss.meanSquaredError(autoencoder.model(x), x) }
        case .cnn:
            network = try ClassifierArchitecture.cnn.spec(classes: 10).build(using: &generator)
            loss = { x, y in Loss.crossEntropy(logits: network(x), labels: y) }
        case .ssl:
            // The views are fixed (each image and its mirror), made before the timing: the step is the engine's work,
            // the same on every side, without the augmentation's random draws.
            images = images.map { Tensor.concatenate([$0, $0.mirroredHorizontally(width: 28)], axis: 0) }
            let settings = SelfSupervisedSettings()
            network = try settings.architecture.spec(
                channels: 1, height: 28, width: 28, projectionDimension: settings.projectionDimension
            ).build(using: &generator)
            loss = { views, _ in
                let projections = network(views)
                let n = views.shape[0] / 2
                return settings.method.loss(
                    projections.rows(0..<n), projections.rows(n..<(2 * n)), temperature: settings.temperature)
            }
        case .vae, .iwae:
            // Pixels above one half are 1, fixed before the timing as for the views: the same binary batches on
            // every side.
            images = images.map { Tensor(shape: $0.shape, scalars: $0.scalars.map { $0 > 0.5 ? 1 : 0 }) }
            var autoencoder = try Autoencoder(
                try AutoencoderArchitecture.burda.spec(codeSize: 50).build(using: &generator))
            autoencoder.variationalObjective.importanceSamples = model == .iwae ? 50 : 1
            network = autoencoder.model
            loss = { x, _ in autoencoder.variationalLoss(input: x, targets: x) }
        }
        let optimizer = Adam()
        network.setTraining(true)
        var lastLoss: Float = 0
        let step = { (index: Int) in
            network.zeroGradients()
            let value = loss(images[index % images.count], labels[index % labels.count])
            value.backward()
            optimizer.step(network.trainableParameters)
            lastLoss = value.item
        }
        for index in 0..<warmup { step(index) }
        KernelClock.reset()
        KernelClock.isEnabled = true
        let allocationsBefore = Storage.allocations
        let cpuStart = processorSeconds()
        let seconds = secondsTaken { timedSteps(warmup..<(warmup + steps), step) }
        let cpuSeconds = processorSeconds() - cpuStart
        KernelClock.isEnabled = false
        let allocations = Double(Storage.allocations - allocationsBefore) / Double(steps)
        var fields: [(String, Any)] = [
            ("benchmark", "steps-\(model.rawValue)"), ("threads", BLAS.threads),
            ("blas", BLAS.configuration), ("steps", steps), ("batch", batchSize),
            ("ms_per_step", 1e3 * seconds / Double(steps)),
            ("cpu_ms_per_step", 1e3 * cpuSeconds / Double(steps)),
            ("samples_per_second", Double(steps * batchSize) / seconds),
            ("allocations_per_step", allocations), ("loss", lastLoss),
        ]
        var line = String(
            format: "%@: %.2f ms/step (%.2f ms of CPU), %.0f samples/s, %.0f allocations/step;", model.rawValue,
            1e3 * seconds / Double(steps), 1e3 * cpuSeconds / Double(steps), Double(steps * batchSize) / seconds,
            allocations)
        for part in KernelClock.Part.allCases {
            let share = KernelClock.total(part) / seconds
            fields.append(("\(part)_share", share))
            line += String(format: " %@ %.0f%%", "\(part)", 100 * share)
        }
        log(line)
        printJSONLine(fields)
    }

    /// The steps measured; a function of its own so that `valgrind --tool=callgrind --toggle-collect='*timedSteps*'`
    /// counts the instructions of these steps alone.
    @inline(never)
    private func timedSteps(_ indices: Range<Int>, _ step: (Int) -> Void) {
        for index in indices { step(index) }
    }

    /// User and system time of the whole process (every thread), which a loaded machine inflates less than wall time.
    private func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let total = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        return Double(total) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }

    /// `count` batches of images (B, 784) and labels: Fashion-MNIST's first training images, or uniform noise.
    private func batches(
        count: Int, batchSize: Int, using generator: inout SeededGenerator
    ) throws -> ([Tensor], [[Int]]) {
        if synthetic {
            let images = (0..<count).map { _ in Tensor.uniform([batchSize, 784], in: 0...1, using: &generator) }
            let labels = (0..<count).map { _ in (0..<batchSize).map { _ in Int.random(in: 0..<10, using: &generator) } }
            return (images, labels)
        }
        let dataset = KnownDataset.fashionMNIST
        let train = try dataset.load(.train, from: dataset.directory(flag: dataDir))
        // The first images in file order, which bench/peers/torch_steps.py takes too.
        let batches = Array(MiniBatches(train, batchSize: batchSize, shuffleSeed: nil).prefix(count))
        return (batches.map(\.images), batches.map(\.labels))
    }
}

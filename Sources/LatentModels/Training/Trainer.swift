import Foundation
import LatentCore
import LatentData
import LatentDistributed
import LatentNN

/// Runs epochs of shuffled mini-batches: forward, backward, optimizer step; then validation,
/// metrics, checkpoint and early stopping.
public final class Trainer {
    public let model: any Layer
    public let optimizer: any Optimizer
    public let options: TrainingOptions
    /// Epochs finished so far, including those of a resumed checkpoint.
    public private(set) var completedEpochs = 0
    /// The report of every epoch of the run, a resumed run's earlier ones as its metrics log has them.
    public private(set) var history: [EpochReport] = []
    /// The randomness the loss draws besides the model's own (a denoising autoencoder's input corruption), seeded
    /// from `options.seed`; checkpoints save its position.
    public var lossGenerator: SeededGenerator
    /// Called after each batch's optimizer step with the batch and `lossGenerator`: further phases on the same batch
    /// (an adversarial autoencoder's regularisation), whose randomness checkpoints save with the generator.
    public var afterStep: ((MiniBatches.Batch, inout SeededGenerator) -> Void)?
    /// Called after each epoch (metrics, pictures, custom logging).
    public var onEpochEnd: ((EpochReport) -> Void)?
    /// Stored in every checkpoint this trainer writes; a resumed run must ask for the same values.
    public var checkpointMetadata: [String: String] = [:]
    /// Optimizer updates so far, which the learning-rate schedule counts.
    private var step = 0
    /// Early stopping's lowest validation loss and the epochs since it.
    private var bestValidationLoss = Double.infinity
    private var epochsWithoutImprovement = 0
    /// The metrics log so far, one JSON line per epoch: rewritten whole after each epoch, so that a full disk
    /// never leaves half a line and a fresh run never continues an older run's log.
    private var metricsLines: [String] = []
    /// The checkpoint this trainer wrote last, which a diverging run leaves in place.
    private var lastCheckpoint: TrainingError.KeptCheckpoint?
    /// Seconds this epoch spent in MPI calls, in a data-parallel run.
    var communicationSeconds = 0.0
    /// `options.resumingFrom` until the first `fit` has resumed from it.
    private var pendingResume: Checkpoint?

    public init(model: any Layer, optimizer: any Optimizer, options: TrainingOptions) {
        self.model = model
        self.optimizer = optimizer
        self.options = options
        lossGenerator = SeededGenerator(seed: options.seed &+ 0x5EED)
        pendingResume = options.resumingFrom
    }

    /// Trains until `options.epochs` epochs are complete (or early stopping), returning this call's reports; the first
    /// call resumes from `options.resumingFrom` first, when given.
    ///
    /// - Parameters:
    ///   - train: the images the model learns from, shuffled into mini-batches each epoch.
    ///   - validation: images whose loss is measured after each epoch, for the reports and early stopping.
    ///   - loss: the scalar loss of the model on one batch.
    @discardableResult
    public func fit(
        _ train: ImageDataset, validation: ImageDataset? = nil,
        loss: (MiniBatches.Batch) -> Tensor
    ) throws -> [EpochReport] {
        try fit(train, validation: validation) { batch, _ in loss(batch) }
    }

    /// Trains as `fit(_:validation:loss:)` does, for a loss that draws random numbers (corrupted inputs): it draws
    /// them from the generator it is given, `lossGenerator`, so that a resumed run draws what this one would have.
    @discardableResult
    public func fit(
        _ train: ImageDataset, validation: ImageDataset? = nil,
        loss: (MiniBatches.Batch, inout SeededGenerator) -> Tensor
    ) throws -> [EpochReport] {
        try options.validate()
        if let checkpoint = pendingResume {
            try resume(from: checkpoint)
            pendingResume = nil
        }
        let job = options.job.flatMap { $0.size > 1 ? $0 : nil }
        if let job { try join(job, trainCount: train.count) }
        var progress = ProgressReporter(enabled: options.showsProgress && job?.isRoot != false)
        var reports: [EpochReport] = []
        let batchesPerEpoch = (train.count + options.batchSize - 1) / options.batchSize

        while completedEpochs < options.epochs, !hasStoppedEarly {
            let epoch = completedEpochs + 1
            model.setTraining(true)
            let start = DispatchTime.now().uptimeNanoseconds
            var (lossSum, samples, batchIndex) = (0.0, 0, 0)
            for batch in MiniBatches(
                train, batchSize: options.batchSize, shuffleSeed: options.seed &+ UInt64(epoch),
                part: job?.rank ?? 0, of: job?.size ?? 1)
            {
                batchIndex += 1
                if let schedule = options.schedule { optimizer.learningRate = schedule.rate(atStep: step) }
                model.zeroGradients()
                var value = batch.labels.isEmpty ? 0 : backward(loss(batch, &lossGenerator))
                if let job {
                    value = averageGradients(
                        loss: value, rows: batch.labels.count, wholeRows: batch.wholeCount, job: job,
                        in: "the gradient sum of epoch \(epoch), batch \(batchIndex)")
                }
                guard value.isFinite else {
                    throw TrainingError.nonFiniteLoss(
                        epoch: epoch, batch: batchIndex, value: value, kept: lastCheckpoint)
                }
                if let maxNorm = options.gradientClipNorm {
                    clipGradientNorm(model.trainableParameters, maxNorm: maxNorm)
                }
                optimizer.step(model.trainableParameters)
                if !batch.labels.isEmpty { afterStep?(batch, &lossGenerator) }
                step += 1
                lossSum += Double(value) * Double(batch.wholeCount)
                samples += batch.wholeCount
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
                progress.batch(
                    epoch: epoch, epochs: options.epochs, batch: batchIndex, batches: batchesPerEpoch,
                    loss: lossSum / Double(samples), samplesPerSecond: Double(samples) / elapsed, elapsed: elapsed)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            model.zeroGradients()
            if let job { takeRootState(job, in: "the broadcast of rank 0's weights after epoch \(epoch)") }
            let validationLoss = validation.map { set in
                job.map { sharedLoss(on: set, job: $0, in: "the validation loss of epoch \(epoch)", loss: loss) }
                    ?? evaluateLoss(on: set, loss: loss)
            }
            if let validationLoss, !validationLoss.isFinite {
                throw TrainingError.nonFiniteValidationLoss(epoch: epoch, value: validationLoss, kept: lastCheckpoint)
            }
            completedEpochs = epoch
            if let validationLoss {
                if validationLoss < bestValidationLoss {
                    (bestValidationLoss, epochsWithoutImprovement) = (validationLoss, 0)
                } else {
                    epochsWithoutImprovement += 1
                }
            }
            let report = EpochReport(
                epoch: epoch, trainLoss: lossSum / Double(max(samples, 1)), validationLoss: validationLoss,
                seconds: seconds, samplesPerSecond: Double(samples) / seconds,
                residentMegabytes: ProcessMemory.residentMegabytes, learningRate: optimizer.learningRate)
            reports.append(report)
            history.append(report)
            progress.epochEnded(report, epochs: options.epochs)
            if let job {
                let megabytes = Double(4 * model.trainableParameters.reduce(0) { $0 + $1.tensor.count }) / 1e6
                progress.message(
                    String(
                        format: "  %d processes, %.2f MB summed per step: %.2f s of the epoch's %.2f s in MPI "
                            + "calls (%.1f%%)", job.size, megabytes, communicationSeconds, seconds,
                        100 * communicationSeconds / seconds))
                communicationSeconds = 0
            }
            // The checkpoint holds the early-stopping counters after this epoch, so a resumed run stops where this one does.
            if job?.isRoot != false { try record(report) }
            onEpochEnd?(report)
            if hasStoppedEarly, let patience = options.earlyStoppingPatience {
                progress.message("early stopping: no better validation loss for \(patience) epochs")
            }
        }
        model.setTraining(false)
        return reports
    }

    /// Runs `loss` backward into the gradients and returns its value.
    private func backward(_ loss: Tensor) -> Float {
        loss.backward()
        return loss.item
    }

    /// Whether early stopping has ended the run: as many epochs without a better validation loss as the patience.
    private var hasStoppedEarly: Bool {
        options.earlyStoppingPatience.map { epochsWithoutImprovement >= $0 } ?? false
    }

    /// The mean loss over a dataset, in evaluation mode and without recording gradients.
    public func evaluateLoss(on dataset: ImageDataset, loss: (MiniBatches.Batch) -> Tensor) -> Double {
        evaluateLoss(on: dataset) { batch, _ in loss(batch) }
    }

    /// The mean loss over a dataset as above, for a loss that draws from `lossGenerator`.
    public func evaluateLoss(
        on dataset: ImageDataset, loss: (MiniBatches.Batch, inout SeededGenerator) -> Tensor
    ) -> Double {
        model.setTraining(false)
        defer { model.setTraining(true) }
        return GradientMode.withoutGradients {
            var (sum, count) = (0.0, 0)
            for batch in MiniBatches(dataset, batchSize: max(options.batchSize, 256), shuffleSeed: nil) {
                sum += Double(loss(batch, &lossGenerator).item) * Double(batch.labels.count)
                count += batch.labels.count
            }
            return sum / Double(max(count, 1))
        }
    }

    private func record(_ report: EpochReport) throws {
        if let path = options.metricsLog {
            metricsLines.append(report.jsonLine)
            try AtomicFile.write(metricsLines.joined(separator: "\n") + "\n", to: path)
        }
        if let path = options.checkpointPath {
            var checkpoint = Checkpoint(
                model: model, optimizer: optimizer, epoch: report.epoch, seed: options.seed,
                metadata: checkpointMetadata)
            checkpoint.training = trainingState
            try checkpoint.save(to: path)
            lastCheckpoint = TrainingError.KeptCheckpoint(path: path, epoch: report.epoch)
        }
    }

    /// What a checkpoint saves of this trainer, besides the model and the optimizer.
    var trainingState: Checkpoint.TrainingState {
        Checkpoint.TrainingState(
            step: step, batchSize: options.batchSize, bestValidationLoss: bestValidationLoss,
            epochsWithoutImprovement: epochsWithoutImprovement, lossGenerator: lossGenerator)
    }

    /// Restores the trainer's own position from a checkpoint that `Trainer+Resume` has checked.
    func restore(_ state: Checkpoint.TrainingState, epoch: Int) {
        step = state.step
        (bestValidationLoss, epochsWithoutImprovement) = (state.bestValidationLoss, state.epochsWithoutImprovement)
        lossGenerator = state.lossGenerator
        completedEpochs = epoch
        if let path = options.metricsLog { metricsLines = Trainer.loggedLines(in: path, throughEpoch: epoch) }
        history = metricsLines.compactMap(EpochReport.init(jsonLine:))
    }

    /// The lines of an existing metrics log up to `epoch`: a resumed run repeats the epochs after it.
    private static func loggedLines(in path: String, throughEpoch epoch: Int) -> [String] {
        guard let log = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let prefix = "{\"epoch\": "
        return log.split(separator: "\n").map(String.init).filter { line in
            guard line.hasPrefix(prefix), let number = Int(line.dropFirst(prefix.count).prefix { $0.isNumber }) else {
                return false
            }
            return number <= epoch
        }
    }
}

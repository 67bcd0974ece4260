import Foundation
import LatentCore
import LatentData
import LatentDistributed
import LatentNN

/// Data-parallel training under `mpirun`, the way PyTorch's DistributedDataParallel and Horovod do it: every process
/// holds the whole model and computes the gradients of its share of each batch; one MPI_Allreduce per step sums the
/// shares' gradients, so every process takes the same optimizer step.
///
/// What makes N processes match one: the shares are contiguous pieces of the same shuffled batch, and each share's
/// mean loss and gradients are weighted by its rows before the sum, which is then divided by the whole batch's rows:
/// the whole batch's mean, up to float rounding. Batch normalisation normalises with each share's own statistics (as
/// DDP does without SyncBatchNorm) and every process takes rank 0's running statistics at each epoch's end. Random
/// layers and input corruption draw from each process's own stream, `rank` jumps of 2^128 ahead of rank 0's, so with
/// dropout, sampling or denoising the noise differs from one process's in its values, not in its distribution.
extension Trainer {
    /// Refuses a job that cannot split `trainCount` images in batches of `options.batchSize`, agrees with the other
    /// processes on `options.jobFacts` and the model's layout, then gives every process rank 0's weights and buffers
    /// and its own random streams.
    func join(_ job: Communicator, trainCount: Int) throws {
        if let problem = TrainingSettings.shareProblem(
            batchSize: options.batchSize, processes: job.size, trainCount: trainCount,
            batch: "the batch size \(options.batchSize)")
        {
            throw TrainingError.invalidOptions(problem)
        }
        var facts = options.jobFacts
        facts.append("the model", modelLayout)
        try job.agree(on: facts)
        takeRootState(job, in: "the broadcast of rank 0's starting weights")
        guard job.rank > 0 else { return }
        var generators = model.namedGenerators
        for name in generators.keys {
            for _ in 0..<job.rank { generators[name]!.jump() }
        }
        try model.restoreGenerators(generators)
        for _ in 0..<job.rank { lossGenerator.jump() }
    }

    /// The model's tensors, their values and a digest of their names and shapes (which fix the length of every sum
    /// of gradients), as the agreement compares them: a build of latent with another architecture differs here.
    private var modelLayout: String {
        let tensors = model.namedParameters + model.namedBuffers
        let layout = tensors.map { "\($0.name) \($0.tensor.shape)" }.joined(separator: "\n")
        return "\(tensors.count) tensors of \(tensors.reduce(0) { $0 + $1.tensor.count }) values, layout "
            + JobFacts.digest(of: Data(layout.utf8))
    }

    /// Gives every process rank 0's parameters and buffers (MPI_Bcast of one flat bucket): at the start, so all begin
    /// alike whatever each read, and at each epoch's end, so that no rounding drift or local statistic lasts.
    func takeRootState(_ job: Communicator, in activity: @autoclosure () -> String) {
        let tensors = (model.namedParameters + model.namedBuffers).map(\.tensor)
        var bucket = [Float]()
        bucket.reserveCapacity(tensors.reduce(0) { $0 + $1.count })
        for tensor in tensors { tensor.withUnsafeBufferPointer { bucket.append(contentsOf: $0) } }
        timed { job.broadcast(&bucket, in: activity()) }
        var offset = 0
        for tensor in tensors {
            bucket.withUnsafeBufferPointer { summed in
                tensor.withUnsafeMutableBufferPointer { values in
                    for i in values.indices { values[i] = summed[offset + i] }
                }
            }
            offset += tensor.count
        }
    }

    /// Sums the shares' gradients over the job in one flat bucket, each weighted by its rows and divided by the whole
    /// batch's; returns the whole batch's mean loss. `loss` is this share's mean loss, ignored for an empty share.
    func averageGradients(
        loss: Float, rows: Int, wholeRows: Int, job: Communicator, in activity: @autoclosure () -> String
    ) -> Float {
        let parameters = model.trainableParameters.map(\.tensor)
        let weight = Float(rows)
        // Per parameter, its gradient and whether this share has one; then the weighted loss.
        var bucket = [Float]()
        bucket.reserveCapacity(parameters.reduce(parameters.count + 1) { $0 + $1.count })
        for parameter in parameters {
            if let grad = parameter.grad {
                grad.withUnsafeBufferPointer { bucket.append(contentsOf: $0.lazy.map { $0 * weight }) }
                bucket.append(1)
            } else {
                bucket.append(contentsOf: repeatElement(0, count: parameter.count + 1))
            }
        }
        bucket.append(rows > 0 ? loss * weight : 0)
        timed { job.sum(&bucket, in: activity()) }
        let scale = 1 / Float(wholeRows)
        var offset = 0
        for parameter in parameters {
            defer { offset += parameter.count + 1 }
            // A parameter no share's graph reached keeps no gradient, as in one process.
            guard bucket[offset + parameter.count] > 0 else { continue }
            let grad = parameter.grad ?? Tensor(zeros: parameter.shape)
            bucket.withUnsafeBufferPointer { summed in
                grad.withUnsafeMutableBufferPointer { values in
                    for i in values.indices { values[i] = summed[offset + i] * scale }
                }
            }
            parameter.grad = grad
        }
        return bucket[bucket.count - 1] * scale
    }

    /// The mean loss over `dataset` as `evaluateLoss` gives it, each process evaluating a contiguous share of it.
    func sharedLoss(
        on dataset: ImageDataset, job: Communicator, in activity: @autoclosure () -> String,
        loss: (MiniBatches.Batch, inout SeededGenerator) -> Tensor
    ) -> Double {
        let share = job.share(of: dataset.count)
        var totals = [0.0, 0.0]
        if !share.isEmpty {
            let mean = evaluateLoss(on: dataset.selecting(Array(share)), loss: loss)
            totals = [mean * Double(share.count), Double(share.count)]
        }
        timed { job.sum(&totals, in: activity()) }
        return totals[0] / max(totals[1], 1)
    }

    private func timed(_ call: () -> Void) {
        let start = DispatchTime.now().uptimeNanoseconds
        call()
        communicationSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    }
}

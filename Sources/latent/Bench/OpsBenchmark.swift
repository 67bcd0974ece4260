import ArgumentParser
import LatentCore

/// `latent bench ops`: GFLOP/s of the kernels every model stands on.
struct OpsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ops", abstract: "GFLOP/s of sgemm, a Linear layer and two Conv2d layers (forward + backward).")

    @Option(parsing: .unconditional, help: "Timed repetitions after one warm-up (the median is printed).")
    var repetitions = 5

    func validate() throws {
        try OptionChecks.require(repetitions, in: 1...OptionChecks.largestCount, "--repetitions")
    }

    func run() {
        var generator = SeededGenerator(seed: 0)

        let size = 1024
        let a = Tensor.uniform([size, size], in: -1...1, using: &generator)
        let b = Tensor.uniform([size, size], in: -1...1, using: &generator)
        let sgemmSeconds = medianSeconds(repetitions: repetitions) { _ = a.matmul(b) }
        let ceiling = 2 * Double(size * size * size) / sgemmSeconds * 1e-9
        report("sgemm_1024", seconds: sgemmSeconds, gflops: ceiling, ceiling: ceiling)

        // Linear 784 -> 512 at batch 128: forward (1 product) and backward (dx and dW: 2 products).
        let x = Tensor.uniform([128, 784], in: 0...1, using: &generator)
        x.requiresGrad = true
        let weight = Tensor.kaimingUniform([512, 784], fanIn: 784, using: &generator)
        let bias = Tensor(zeros: [512], requiresGrad: true)
        let linearSeconds = medianSeconds(repetitions: repetitions * 4) {
            Tensor.linear(x, weight: weight, bias: bias).sum().backward()
        }
        report(
            "linear_784_512_b128", seconds: linearSeconds,
            gflops: 3 * 2 * 128 * 784 * 512 / linearSeconds * 1e-9, ceiling: ceiling)

        // The P4 encoder's convolutions: 1->16 on 28x28 (its input needs no gradient) and 16->32 on 14x14.
        for (channels, outChannels, side, inputNeedsGrad) in [(1, 16, 28, false), (16, 32, 14, true)] {
            let images = Tensor.uniform([128, channels, side, side], in: 0...1, using: &generator)
            images.requiresGrad = inputNeedsGrad
            let kernel = Tensor.kaimingUniform([outChannels, channels, 3, 3], fanIn: channels * 9, using: &generator)
            let kernelBias = Tensor(zeros: [outChannels], requiresGrad: true)
            let productFlops = 2.0 * Double(outChannels * channels * 9 * 128 * (side / 2) * (side / 2))
            let flops = productFlops * (inputNeedsGrad ? 3 : 2)
            KernelClock.isEnabled = true
            KernelClock.reset()
            let seconds = medianSeconds(repetitions: repetitions * 4) {
                Tensor.conv2d(images, weight: kernel, bias: kernelBias, stride: 2, padding: 1).sum().backward()
            }
            KernelClock.isEnabled = false
            let runs = Double(repetitions * 4 + 1)
            let (sgemm, unfold, other) = (
                KernelClock.total(.sgemm) / runs, KernelClock.total(.unfold) / runs,
                (KernelClock.total(.layout) + KernelClock.total(.elementwise)) / runs
            )
            let name = "conv2d_\(channels)_\(outChannels)_\(side)x\(side)_b128"
            report(
                name, seconds: seconds, gflops: flops / seconds * 1e-9, ceiling: ceiling,
                split: (sgemm / seconds, unfold / seconds, other / seconds))
        }
    }

    private func report(
        _ name: String, seconds: Double, gflops: Double, ceiling: Double,
        split: (sgemm: Double, unfold: Double, other: Double)? = nil
    ) {
        var line =
            "\(name): \(String(format: "%.3f ms, %.1f GFLOP/s (%.0f%% of sgemm)", seconds * 1e3, gflops, 100 * gflops / ceiling))"
        if let split {
            line += String(
                format: "; time in sgemm %.0f%%, im2col/col2im %.0f%%, layout+bias %.0f%%",
                100 * split.sgemm, 100 * split.unfold, 100 * split.other)
        }
        log(line)
        printJSONLine([
            "benchmark": name, "threads": BLAS.threads, "blas": BLAS.configuration, "seconds": seconds,
            "gflops": gflops, "fraction_of_sgemm": gflops / ceiling,
            "sgemm_share": split?.sgemm ?? Double.nan, "unfold_share": split?.unfold ?? Double.nan,
        ])
    }
}

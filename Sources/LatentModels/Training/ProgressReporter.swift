import Foundation
import LatentCore

/// A progress bar on a terminal (batch, loss, samples/s, ETA), plain log lines when standard error is not one.
struct ProgressReporter {
    let enabled: Bool
    let isTerminal = isatty(STDERR_FILENO) != 0
    private var lastDraw = 0.0

    init(enabled: Bool) { self.enabled = enabled }

    mutating func batch(
        epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, samplesPerSecond: Double, elapsed: Double
    ) {
        guard enabled, isTerminal, elapsed - lastDraw > 0.1 || batch == batches else { return }
        lastDraw = elapsed
        let width = 24
        let filled = width * batch / max(batches, 1)
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let eta = Double(batches - batch) * elapsed / Double(max(batch, 1))
        write(
            "\repoch \(epoch)/\(epochs) [\(bar)] \(batch)/\(batches) "
                + String(format: "loss %.5f %.0f samples/s ETA %.0fs ", loss, samplesPerSecond, eta))
    }

    func epochEnded(_ report: EpochReport, epochs: Int) {
        guard enabled else { return }
        var line = String(format: "epoch %d/%d: train loss %.5f", report.epoch, epochs, report.trainLoss)
        if let validation = report.validationLoss { line += String(format: ", validation loss %.5f", validation) }
        line += String(
            format: ", %.1f s, %.0f samples/s, RSS %.0f MB", report.seconds, report.samplesPerSecond,
            report.residentMegabytes)
        write((isTerminal ? "\r" : "") + line + "\n")
    }

    func message(_ text: String) {
        guard enabled else { return }
        write(text + "\n")
    }

    private func write(_ text: String) { Console.write(text, to: .error) }
}

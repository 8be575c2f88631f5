import EmbassyPacketsPipeline
import Foundation

/// Progress on stderr: a bar redrawn in place on a terminal (rows read, packets rendered
/// i of n, elapsed, ETA); plain lines when stderr is a file or a pipe (CI logs).
/// (`@unchecked Sendable`: called from the one thread that runs `generate`; ProgressSink asks for Sendable.)
final class ConsoleProgress: ProgressSink, @unchecked Sendable {
    private let terminal = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var drawn = false

    func rowsRead(_ rows: Int) {
        line("embassy-packets: read \(rows) rows (\(Self.clock(Date().timeIntervalSince(start))))")
    }

    func packetRendered(_ number: Int, of total: Int, name: String) {
        let elapsed = Date().timeIntervalSince(start)
        guard terminal else {
            line("embassy-packets: packet \(number) of \(total): \(name)")
            return
        }
        let width = 30
        let done = total == 0 ? width : width * number / total
        let eta = number == 0 ? 0 : elapsed / Double(number) * Double(total - number)
        let bar = String(repeating: "#", count: done) + String(repeating: ".", count: width - done)
        Console.raw("\r[\(bar)] packets \(number)/\(total) · \(Self.clock(elapsed)) elapsed · ETA \(Self.clock(eta)) ")
        drawn = true
        if number == total { finish() }
    }

    /// Ends the bar's line.
    func finish() {
        if drawn { Console.raw("\n") }
        drawn = false
    }

    private func line(_ text: String) {
        finish()
        Console.raw((text + "\n"))
    }

    static func clock(_ seconds: TimeInterval) -> String {
        // Wall-clock time can step back (or an estimate be unbounded): never trap on it.
        let total = seconds.isFinite ? Int(min(max(seconds, 0), 359_999).rounded()) : 0
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60) : String(format: "%d:%02d", total / 60, total % 60)
    }
}

/// Receives a run's progress: the CLI draws a bar on a terminal, prints lines otherwise.
public protocol ProgressSink: AnyObject, Sendable {
    /// Intake is done: this many rows were read.
    func rowsRead(_ rows: Int)
    /// A packet was written.
    func packetRendered(_ number: Int, of total: Int, name: String)
}

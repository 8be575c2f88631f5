import EmbassyPacketsCore
import EmbassyPacketsRender

/// Renders a document straight to a folder, for tests that build documents by hand.
enum EmbassyPacketsRenderProbe {
    static func render(_ document: PacketDocument, folder: String, stem: String = "FR") throws -> RenderResult {
        try PacketRenderer().render(document, folder: folder, stem: stem)
    }
}

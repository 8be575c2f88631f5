// A small, opaque window onto libxml2. Swift code includes only this header, never
// <libxml/...>: see Package.swift for why.
#ifndef EMBASSY_PACKETS_XML_SHIM_H
#define EMBASSY_PACKETS_XML_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A parsed document. Owned by the caller; free with ep_xml_document_free.
typedef struct ep_xml_document ep_xml_document;
/// A node inside a document; valid only while its document lives.
typedef struct ep_xml_node ep_xml_node;

/// Receives one parser or validator message: line and column (0 when unknown) and text.
typedef void (*ep_xml_message_callback)(void *context, long line, int column, const char *message);

enum ep_xml_node_kind {
    EP_XML_ELEMENT = 1,
    EP_XML_TEXT = 3,
    EP_XML_CDATA = 4,
    EP_XML_ENTITY_REFERENCE = 5,
    EP_XML_PROCESSING_INSTRUCTION = 7,
    EP_XML_COMMENT = 8,
    EP_XML_OTHER = 99
};

/// Parses a file with no network access, no DTD loading and no entity substitution. A
/// document with a DOCTYPE is refused (it is the door to external entities and entity
/// bombs). Returns NULL after reporting every error through the callback.
ep_xml_document *ep_xml_parse_file(const char *path, ep_xml_message_callback callback, void *context);

void ep_xml_document_free(ep_xml_document *document);

/// A compiled RELAX NG schema, reusable across documents. Free with ep_xml_schema_free.
typedef struct ep_xml_schema ep_xml_schema;

/// Reads and compiles a RELAX NG schema; NULL (after reporting through the callback) on failure.
ep_xml_schema *ep_xml_schema_load(const char *path, ep_xml_message_callback callback, void *context);
void ep_xml_schema_free(ep_xml_schema *schema);

/// Validates a document against a compiled schema: 0 when valid, 1 when not (every
/// violation reported through the callback), -1 on an internal failure.
int ep_xml_schema_validate(const ep_xml_schema *schema, ep_xml_document *document,
                           ep_xml_message_callback callback, void *context);

const ep_xml_node *ep_xml_document_root(const ep_xml_document *document);
const ep_xml_node *ep_xml_node_first_child(const ep_xml_node *node);
const ep_xml_node *ep_xml_node_next_sibling(const ep_xml_node *node);
int ep_xml_node_kind(const ep_xml_node *node);
/// The local name of an element (borrowed; lives as long as the document).
const char *ep_xml_node_name(const ep_xml_node *node);
long ep_xml_node_line(const ep_xml_node *node);
/// The content of a text or CDATA node (borrowed).
const char *ep_xml_node_content(const ep_xml_node *node);

/// Attributes of an element, by index. Names are "prefix:local" when namespaced (xml:lang).
int ep_xml_node_attribute_count(const ep_xml_node *node);
/// Writes the attribute's qualified name into `name` (truncated to `capacity`) and returns
/// its value, which the caller frees with ep_xml_string_free.
char *ep_xml_node_attribute_at(const ep_xml_node *node, int index, char *name, size_t capacity);
void ep_xml_string_free(char *string);

#ifdef __cplusplus
}
#endif

#endif

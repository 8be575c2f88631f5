#include "xml_shim.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ep_xml_document {
    xmlDocPtr doc;
};

typedef struct {
    ep_xml_message_callback callback;
    void *context;
} ep_sink;

static void ep_structured_error(void *user, xmlErrorPtr error) {
    ep_sink *sink = (ep_sink *)user;
    if (sink == NULL || sink->callback == NULL || error == NULL) return;
    char buffer[1024];
    const char *message = error->message ? error->message : "unknown XML error";
    snprintf(buffer, sizeof buffer, "%s", message);
    size_t length = strlen(buffer);
    while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == ' ')) buffer[--length] = 0;
    sink->callback(sink->context, (long)error->line, error->int2, buffer);
}

static void ep_generic_error(void *user, const char *format, ...) {
    (void)user;
    (void)format;
}

static const int ep_parse_options =
    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING;

static ep_xml_document *ep_finish_parse(xmlDocPtr doc, ep_sink *sink) {
    if (doc == NULL) return NULL;
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        long line = doc->intSubset ? (long)xmlGetLineNo((xmlNodePtr)doc->intSubset) : 0;
        if (sink->callback)
            sink->callback(sink->context, line > 0 ? line : 1, 0,
                           "a DOCTYPE is not allowed (no DTDs or entities are read)");
        xmlFreeDoc(doc);
        return NULL;
    }
    ep_xml_document *document = malloc(sizeof *document);
    if (document == NULL) {
        xmlFreeDoc(doc);
        return NULL;
    }
    document->doc = doc;
    return document;
}

ep_xml_document *ep_xml_parse_file(const char *path, ep_xml_message_callback callback, void *context) {
    ep_sink sink = {callback, context};
    xmlSetGenericErrorFunc(NULL, ep_generic_error);
    xmlSetStructuredErrorFunc(&sink, ep_structured_error);
    xmlDocPtr doc = xmlReadFile(path, NULL, ep_parse_options);
    ep_xml_document *result = ep_finish_parse(doc, &sink);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return result;
}

void ep_xml_document_free(ep_xml_document *document) {
    if (document == NULL) return;
    xmlFreeDoc(document->doc);
    free(document);
}

struct ep_xml_schema {
    xmlRelaxNGPtr schema;
};

ep_xml_schema *ep_xml_schema_load(const char *path, ep_xml_message_callback callback, void *context) {
    ep_sink sink = {callback, context};
    xmlSetGenericErrorFunc(NULL, ep_generic_error);
    xmlSetStructuredErrorFunc(&sink, ep_structured_error);
    ep_xml_schema *result = NULL;
    xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt(path);
    if (parser) {
        xmlRelaxNGSetParserStructuredErrors(parser, ep_structured_error, &sink);
        xmlRelaxNGPtr schema = xmlRelaxNGParse(parser);
        xmlRelaxNGFreeParserCtxt(parser);
        if (schema) {
            result = malloc(sizeof *result);
            if (result) result->schema = schema; else xmlRelaxNGFree(schema);
        }
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    return result;
}

void ep_xml_schema_free(ep_xml_schema *schema) {
    if (schema == NULL) return;
    xmlRelaxNGFree(schema->schema);
    free(schema);
}

int ep_xml_schema_validate(const ep_xml_schema *schema, ep_xml_document *document,
                           ep_xml_message_callback callback, void *context) {
    ep_sink sink = {callback, context};
    xmlSetGenericErrorFunc(NULL, ep_generic_error);
    xmlSetStructuredErrorFunc(&sink, ep_structured_error);
    int result = -1;
    xmlRelaxNGValidCtxtPtr validator = xmlRelaxNGNewValidCtxt(schema->schema);
    if (validator != NULL) {
        xmlRelaxNGSetValidStructuredErrors(validator, ep_structured_error, &sink);
        result = xmlRelaxNGValidateDoc(validator, document->doc) == 0 ? 0 : 1;
        xmlRelaxNGFreeValidCtxt(validator);
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    return result;
}

const ep_xml_node *ep_xml_document_root(const ep_xml_document *document) {
    return (const ep_xml_node *)xmlDocGetRootElement(document->doc);
}

const ep_xml_node *ep_xml_node_first_child(const ep_xml_node *node) {
    return (const ep_xml_node *)((xmlNodePtr)node)->children;
}

const ep_xml_node *ep_xml_node_next_sibling(const ep_xml_node *node) {
    return (const ep_xml_node *)((xmlNodePtr)node)->next;
}

int ep_xml_node_kind(const ep_xml_node *node) {
    switch (((xmlNodePtr)node)->type) {
    case XML_ELEMENT_NODE: return EP_XML_ELEMENT;
    case XML_TEXT_NODE: return EP_XML_TEXT;
    case XML_CDATA_SECTION_NODE: return EP_XML_CDATA;
    case XML_ENTITY_REF_NODE: return EP_XML_ENTITY_REFERENCE;
    case XML_PI_NODE: return EP_XML_PROCESSING_INSTRUCTION;
    case XML_COMMENT_NODE: return EP_XML_COMMENT;
    default: return EP_XML_OTHER;
    }
}

const char *ep_xml_node_name(const ep_xml_node *node) {
    const xmlChar *name = ((xmlNodePtr)node)->name;
    return name ? (const char *)name : "";
}

long ep_xml_node_line(const ep_xml_node *node) {
    return xmlGetLineNo((xmlNodePtr)node);
}

const char *ep_xml_node_content(const ep_xml_node *node) {
    const xmlChar *content = ((xmlNodePtr)node)->content;
    return content ? (const char *)content : "";
}

int ep_xml_node_attribute_count(const ep_xml_node *node) {
    int count = 0;
    for (xmlAttrPtr attribute = ((xmlNodePtr)node)->properties; attribute; attribute = attribute->next) count++;
    return count;
}

char *ep_xml_node_attribute_at(const ep_xml_node *node, int index, char *name, size_t capacity) {
    xmlAttrPtr attribute = ((xmlNodePtr)node)->properties;
    for (int i = 0; attribute && i < index; i++) attribute = attribute->next;
    if (attribute == NULL) return NULL;
    if (attribute->ns && attribute->ns->prefix)
        snprintf(name, capacity, "%s:%s", (const char *)attribute->ns->prefix, (const char *)attribute->name);
    else
        snprintf(name, capacity, "%s", (const char *)attribute->name);
    return (char *)xmlNodeListGetString(((xmlNodePtr)node)->doc, attribute->children, 1);
}

void ep_xml_string_free(char *string) {
    if (string) xmlFree(string);
}

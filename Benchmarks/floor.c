/*
 * The floor: the same packets drawn with Cairo and Pango and nothing else, to hold
 * embassy-packets against. For each country of INPUT (lines "CC<TAB>name<TAB>city<TAB>region",
 * grouped by country) it writes OUTDIR/CC.pdf: a two-page letter of the same length and fonts,
 * then the signature table (No., Name, City, State or Province) with its header row on every
 * page and a page number at the foot. One PangoLayout is reused per column; nothing is
 * allocated per row but what Pango and Cairo allocate themselves. Single-threaded.
 *
 * Build: cc -O2 floor.c $(pkg-config --cflags --libs pangocairo) -o floor
 * Run:   ./floor INPUT.tsv OUTDIR [cells]      (prints: floor: ROWS rows, PAGES pages, SECONDS s)
 *
 * With "cells", the tables are tagged as embassy-packets tags them by default: a Table per page,
 * a TR per row, a TH or TD per cell (Cairo's tag API, nothing else), so that the cost of Cairo's
 * structure tree is measured on its own.
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WIDTH 595.276
#define HEIGHT 841.89
#define LEFT 62.0
#define TOP 70.0
#define BOTTOM (HEIGHT - 70.0)
#define PAD 3.5
#define FAMILIES "Noto Sans, Noto Sans CJK SC, Noto Sans Arabic, Noto Sans Hebrew, Noto Sans Thai, Noto Sans Devanagari, Noto Sans Symbols, Symbola"

static const char *paragraph =
    "On September 24, 1982, the People's Republic of China signed the 1951 Convention Relating to the Status of Refugees "
    "and its 1967 Protocol. By signing this agreement, the PRC agreed to share international concerns and protocols for "
    "refugees. As you know the Korean family remains divided and those living under the regime in the North suffer "
    "unspeakable atrocities and crimes against humanity leading many to flee the country and become refugees.";

typedef struct {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *context;
    PangoLayout *cells[4];
    PangoLayout *header[4];
    PangoLayout *footer;
    double x[4], w[4];
    int page;
    long pages;
    double y;
} Doc;

static int tagged = 0;

static void tag_begin(Doc *d, const char *name) {
    if (tagged) cairo_tag_begin(d->cr, name, "");
}

static void tag_end(Doc *d, const char *name) {
    if (tagged) cairo_tag_end(d->cr, name);
}

static PangoLayout *make_layout(Doc *d, const char *font, double width) {
    PangoLayout *layout = pango_layout_new(d->context);
    PangoFontDescription *description = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);
    if (width > 0) pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    return layout;
}

static double height_of(PangoLayout *layout) {
    int w, h;
    pango_layout_get_size(layout, &w, &h);
    return (double)h / PANGO_SCALE;
}

static void finish_page(Doc *d, int table) {
    if (table) tag_end(d, "Table");
    char text[64];
    snprintf(text, sizeof text, "page %d", d->page);
    pango_layout_set_text(d->footer, text, -1);
    cairo_move_to(d->cr, LEFT, HEIGHT - 50);
    pango_cairo_show_layout(d->cr, d->footer);
    cairo_show_page(d->cr);
    d->page++;
    d->pages++;
    d->y = TOP;
}

static void table_header(Doc *d) {
    double h = height_of(d->header[1]) + 2 * PAD;
    cairo_set_source_rgb(d->cr, 0.86, 0.86, 0.86);
    cairo_rectangle(d->cr, LEFT, d->y, WIDTH - 2 * LEFT, h);
    cairo_fill(d->cr);
    cairo_set_source_rgb(d->cr, 0, 0, 0);
    tag_begin(d, "Table");
    tag_begin(d, "TR");
    for (int c = 0; c < 4; c++) {
        tag_begin(d, "TH");
        cairo_move_to(d->cr, d->x[c] + PAD, d->y + PAD);
        pango_cairo_show_layout(d->cr, d->header[c]);
        tag_end(d, "TH");
    }
    tag_end(d, "TR");
    d->y += h;
}

static void open_doc(Doc *d, const char *path) {
    memset(d, 0, sizeof *d);
    d->surface = cairo_pdf_surface_create(path, WIDTH, HEIGHT);
    d->cr = cairo_create(d->surface);
    tag_begin(d, "Document");
    d->context = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_context_set_resolution(d->context, 72);
    double shares[4] = {0.08, 0.38, 0.27, 0.27};
    double x = LEFT;
    const char *titles[4] = {"No.", "Name", "City", "State or Province"};
    for (int c = 0; c < 4; c++) {
        d->w[c] = shares[c] * (WIDTH - 2 * LEFT);
        d->x[c] = x;
        x += d->w[c];
        d->cells[c] = make_layout(d, FAMILIES " 9", d->w[c] - 2 * PAD);
        d->header[c] = make_layout(d, FAMILIES " Bold 9", d->w[c] - 2 * PAD);
        pango_layout_set_text(d->header[c], titles[c], -1);
    }
    pango_layout_set_alignment(d->cells[0], PANGO_ALIGN_RIGHT);
    d->footer = make_layout(d, FAMILIES " 8", 0);
    d->page = 1;
    d->y = TOP;
    /* The letter: two pages of justified serif text. */
    PangoLayout *letter = make_layout(d, "Noto Serif, Noto Serif CJK SC 10.5", WIDTH - 2 * LEFT);
    pango_layout_set_justify(letter, TRUE);
    pango_layout_set_text(letter, paragraph, -1);
    for (int page = 0; page < 2; page++) {
        for (int p = 0; p < 7 && d->y + height_of(letter) < BOTTOM; p++) {
            tag_begin(d, "P");
            cairo_move_to(d->cr, LEFT, d->y);
            pango_cairo_show_layout(d->cr, letter);
            tag_end(d, "P");
            d->y += height_of(letter) + 9;
        }
        finish_page(d, 0);
    }
    g_object_unref(letter);
    table_header(d);
}

static void close_doc(Doc *d) {
    finish_page(d, 1);
    for (int c = 0; c < 4; c++) {
        g_object_unref(d->cells[c]);
        g_object_unref(d->header[c]);
    }
    g_object_unref(d->footer);
    g_object_unref(d->context);
    tag_end(d, "Document");
    cairo_destroy(d->cr);
    cairo_surface_finish(d->surface);
    cairo_surface_destroy(d->surface);
}

int main(int argc, char **argv) {
    if (argc != 3 && !(argc == 4 && strcmp(argv[3], "cells") == 0)) {
        fprintf(stderr, "usage: floor INPUT.tsv OUTDIR [cells]\n");
        return 2;
    }
    tagged = argc == 4;
    FILE *input = fopen(argv[1], "r");
    if (!input) {
        perror(argv[1]);
        return 1;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    char line[4096], country[8] = "", path[4096];
    Doc doc;
    int open = 0;
    long rows = 0, pages = 0, number = 0;
    while (fgets(line, sizeof line, input)) {
        line[strcspn(line, "\n")] = 0;
        char *fields[4] = {line, NULL, NULL, NULL};
        for (int i = 1; i < 4; i++) {
            fields[i] = fields[i - 1] ? strchr(fields[i - 1], '\t') : NULL;
            if (fields[i]) *fields[i]++ = 0;
        }
        if (!fields[3]) continue;
        if (!open || strcmp(country, fields[0]) != 0) {
            if (open) {
                close_doc(&doc);
                pages += doc.pages;
            }
            snprintf(country, sizeof country, "%s", fields[0]);
            snprintf(path, sizeof path, "%s/%s.pdf", argv[2], country);
            open_doc(&doc, path);
            open = 1;
            number = 0;
        }
        char no[32];
        snprintf(no, sizeof no, "%ld", ++number);
        const char *values[4] = {no, fields[1], fields[2], fields[3]};
        double h = 0;
        for (int c = 0; c < 4; c++) {
            pango_layout_set_text(doc.cells[c], values[c], -1);
            double ch = height_of(doc.cells[c]);
            if (ch > h) h = ch;
        }
        h += 2 * PAD;
        if (doc.y + h > BOTTOM) {
            finish_page(&doc, 1);
            table_header(&doc);
        }
        tag_begin(&doc, "TR");
        for (int c = 0; c < 4; c++) {
            tag_begin(&doc, "TD");
            cairo_move_to(doc.cr, doc.x[c] + PAD, doc.y + PAD);
            pango_cairo_show_layout(doc.cr, doc.cells[c]);
            tag_end(&doc, "TD");
        }
        tag_end(&doc, "TR");
        doc.y += h;
        rows++;
    }
    if (open) {
        close_doc(&doc);
        pages += doc.pages;
    }
    fclose(input);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("floor: %ld rows, %ld pages, %.2f s, %.0f rows/s\n", rows, pages, seconds, rows / seconds);
    return 0;
}

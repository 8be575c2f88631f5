#!/usr/bin/env python3
"""Writes Sources/EmbassyPacketsCore/Route/CountryNameTable.swift from Debian's iso-codes and CLDR.

Every country's name, common name and official name in every language iso-codes
translates (the iso_3166-1.mo catalogues), and the territory names of every locale in
Unicode CLDR (Debian's unicode-cldr-core: common/main/*.xml, the plain, "short" and
"variant" forms), with how many languages use each spelling. iso-codes gives the formal
names ("Russian Federation" in 149 languages); CLDR gives the ones people write
("ロシア", "Великобритания", "كوريا الجنوبية"). The English source names count as one
more language ("en").

Usage: Scripts/generate-country-names.py [--iso-codes /usr/share/iso-codes] [--locale /usr/share/locale] [--cldr /usr/share/unicode/cldr]
Python 3 standard library only; run it again when iso-codes changes and commit the result.
"""

import argparse
import collections
import gettext
import glob
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

FIELDS = ("name", "common_name", "official_name")
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                      "Sources", "EmbassyPacketsCore", "Route", "CountryNameTable.swift")


def package_version(package):
    """An installed Debian package's version, as dpkg knows it."""
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                              check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cldr_names(folder, codes):
    """(locale, code, name) for every territory name CLDR's locales give an ISO 3166-1 code."""
    for path in sorted(glob.glob(os.path.join(folder, "common", "main", "*.xml"))):
        locale = os.path.basename(path)[:-4]
        # Regional locales (en_GB, fr_CA) mostly repeat their language; count each language once.
        language = re.split("[_-]", locale)[0]
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError:
            continue
        for territory in root.iter("territory"):
            code = territory.get("type")
            if code in codes and territory.text and territory.get("alt") in (None, "short", "variant"):
                yield language, code, territory.text


def clean(text):
    """One line of text: the table's separators (tab, newline, |) cannot appear in a name."""
    return " ".join(text.replace("|", " ").split())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iso-codes", default="/usr/share/iso-codes")
    parser.add_argument("--locale", default="/usr/share/locale")
    parser.add_argument("--cldr", default="/usr/share/unicode/cldr")
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()

    with open(os.path.join(args.iso_codes, "json", "iso_3166-1.json"), encoding="utf-8") as f:
        countries = json.load(f)["3166-1"]

    # names[code][spelling] = set of languages using that spelling for the country.
    names = collections.defaultdict(lambda: collections.defaultdict(set))
    for country in countries:
        for field in FIELDS:
            if field in country:
                names[country["alpha_2"]][clean(country[field])].add("en")

    catalogues = sorted(glob.glob(os.path.join(args.locale, "*", "LC_MESSAGES", "iso_3166-1.mo")))
    languages = []
    for path in catalogues:
        language = path.split(os.sep)[-3]
        with open(path, "rb") as f:
            catalogue = gettext.GNUTranslations(f)._catalog
        used = False
        for country in countries:
            for field in FIELDS:
                source = country.get(field)
                translated = catalogue.get(source) if source else None
                if isinstance(translated, str) and clean(translated):
                    names[country["alpha_2"]][clean(translated)].add(language)
                    used = True
        if used:
            languages.append(language)

    codes = {country["alpha_2"] for country in countries}
    cldr_languages = set()
    for language, code, name in cldr_names(args.cldr, codes):
        if clean(name):
            names[code][clean(name)].add("cldr:" + language)
            cldr_languages.add(language)

    lines = []
    total = 0
    for country in sorted(countries, key=lambda c: c["alpha_2"]):
        code = country["alpha_2"]
        spellings = sorted(names[code].items(), key=lambda item: (-len(item[1]), item[0]))
        total += len(spellings)
        lines.append(code + "".join("\t%s|%d" % (name, len(langs)) for name, langs in spellings))

    data = "\n".join(lines)
    if '"""#' in data or "\\#" in data:
        sys.exit("a name holds a Swift raw-string delimiter")

    version = package_version("iso-codes")
    cldr_version = package_version("unicode-cldr-core")
    swift = f'''// Generated by Scripts/generate-country-names.py from Debian iso-codes {version}
// ({len(countries)} countries, {len(languages)} languages' translations plus the English source;
// {len(catalogues) - len(languages)} of the {len(catalogues)} iso_3166-1.mo catalogues are empty) and Unicode CLDR
// (Debian unicode-cldr-core {cldr_version}: territory names of {len(cldr_languages)} languages); {total} distinct names.
// Do not edit by hand: run the script again and commit its output.

/// Every country's names in every language iso-codes translates and CLDR names, with how many languages use
/// each spelling: one line per country, `CC<TAB>name|languages<TAB>name|languages...`, the most
/// used spelling first. A string literal, not an array literal, because the Swift compiler is
/// slow on huge collection literals; `CountryResolver` parses it the first time its own table
/// misses.
enum CountryNameTable {{
    /// The iso-codes version the table was generated from.
    static let isoCodesVersion = "{version}"

    /// The CLDR (unicode-cldr-core) version the table was generated from.
    static let cldrVersion = "{cldr_version}"

    /// How many translations the table holds, besides the English source.
    static let languageCount = {len(languages)}

    /// The table, one line per country.
    static let text = #"""
{data}
"""#
}}
'''
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(swift)
    print("%s: %d countries, %d names, %d languages, %d bytes"
          % (os.path.relpath(args.output), len(countries), total, len(languages), len(swift.encode("utf-8"))))


if __name__ == "__main__":
    main()

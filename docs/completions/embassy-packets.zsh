#compdef embassy-packets

__embassy-packets_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__embassy-packets_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __embassy-packets_complete "${completions[@]:0:-1}"
    fi
}

__embassy-packets_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_embassy-packets() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'generate:Make one PDF packet per embassy and a manifest from signature files.'
            'validate:Check signature files and print where every row would go, without rendering.'
            'contacts:Write the signers whose consent answer allows contact, for the coalition'\''s own follow-up.'
            'embassies:List or check the embassy directory.'
            'verify:Check an output folder against its manifest.'
            'manifest:Work with manifests.'
            'sample:Write realistic, made-up signatures for trying the tool and for benchmarks.'
            'sheets:Print blank paper signature sheets for events, each with its own sheet id.'
            'envelopes:Make an envelope and an address label for every packet file of a generate run.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        generate|validate|contacts|embassies|verify|manifest|sample|sheets|envelopes|help)
            "_embassy-packets_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_embassy-packets_generate() {
    local -i ret=1
    local -ar ___dedup=('exact' 'gmail' 'name')
    local -ar ___date_order=('dmy' 'mdy' 'ymd')
    local -ar ___source=('export' 'paper')
    local -ar ___by=('embassy' 'consulate')
    local -ar ___tags=('cells' 'rows' 'none')
    local -ar ___paper=('a4' 'letter')
    local -ar arg_specs=(
        '*:inputs:'
        '*--column[Map a column to a header the file uses, e.g. first=Vorname (columns\: time, first, last, city, region, country, email, consent, sheet, line). Repeatable.]:COLUMN=HEADER:'
        '--encoding[How to decode files that are not UTF-8 (default\: detected, with a note)\: utf-8, windows-1252, windows-1250, windows-1251, windows-1253, windows-1254, windows-1255, windows-1256, windows-1257, macintosh.]:NAME:'
        '--dedup[How signers are counted once\: exact (the email, trimmed, case ignored), gmail (also Gmail'\''s dots and +tags), or name (no email\: by name, city and country; weaker).]:dedup:{__embassy-packets_complete "${___dedup[@]}"}'
        '--date-order[How to read dates whose day and month are both 12 or less\: dmy, mdy or ymd (default\: decided from each file'\''s dates, else its locale, with a warning).]:ORDER:{__embassy-packets_complete "${___date_order[@]}"}'
        '--source[paper\: the files are typed-in paper signature sheets (as with a Sheet column)\: a row may have no email (then it is counted once by name, city and country), and its origin is SHEET-ID\:LINE; a file without a Sheet column is one sheet named by the file.]:export|paper:{__embassy-packets_complete "${___source[@]}"}'
        '--allow-mostly-undelivered[Go on (exit 0) when most rows fall to one reason or no signature is delivered.]'
        '--embassies[The embassy directory (default\: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).]:FOLDER:'
        '*--route[Send the signers of a country without an embassy of its own to an embassy'\''s packet, e.g. TW=US. Repeatable.]:FROM=TO:'
        '--routes[A file of FROM=TO routes, one a line (# starts a comment).]:FILE:'
        '--by[One packet per embassy, or per consulate-general (signers routed by State or Province).]:by:{__embassy-packets_complete "${___by[@]}"}'
        '--strict[Exit with status 1 when any row is rejected or unrouted (for CI).]'
        '--quiet[Print nothing but errors.]'
        '--out[The output folder.]:DIR:'
        '--date[The date on the letters, YYYY-MM-DD (default\: SOURCE_DATE_EPOCH'\''s day, else today, UTC).]:YYYY-MM-DD:'
        '--template[The letter template (default\: $EMBASSY_PACKETS_DATA/Templates/letter.xml, else the one installed with the tool).]:FILE:'
        '--language[Print the letter in this language\: the template'\''s variant letter.LANG.xml (zh-Hans ships).]:LANG:'
        '--bilingual[Print the English letter and then its translation (zh-Hans, or --language) in every packet.]'
        '--tags[How much of each PDF'\''s structure is tagged for screen readers and archives\: every table cell, each row (far smaller files for big tables), or none.]:TAGS:{__embassy-packets_complete "${___tags[@]}"}'
        '--sender[Who sends the petition\: a <sender> file (organisation, name, role, address, email, phone) printed as the letterhead and the signatory, instead of the template'\''s <sender>.]:FILE:'
        '--columns[The table'\''s columns, in order, from no, name, city, region, signed (the signing date).]:LIST:'
        '--paper[Print every packet on this paper (a4 or letter) instead of the embassy country'\''s own.]:PAPER:{__embassy-packets_complete "${___paper[@]}"}'
        '--max-pages[Split packets longer than this many pages into volumes (US-1-of-3.pdf, ...).]:max-pages:'
        '--force[Replace DIR even when it is not empty and not an earlier output.]'
        '--json[Print the run'\''s summary as JSON on stdout.]'
        '--only[Render only these embassies'\'' packets (country codes, comma-separated).]:CC,CC:'
        '--shard[Render only shard K of N\: every embassy falls in exactly one shard, the same in every run.]:K/N:'
        '--since[An earlier delivery'\''s manifest\: make supplementary packets of the signers it did not deliver.]:MANIFEST:'
        '--key-file[The key for signers'\'' keyed hashes (default\: the EMBASSY_PACKETS_KEY environment variable).]:FILE:'
        '--jobs[How many processes render packets at once (default\: the number of cores; never more than the packets).]:jobs:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_embassy-packets_validate() {
    local -i ret=1
    local -ar ___dedup=('exact' 'gmail' 'name')
    local -ar ___date_order=('dmy' 'mdy' 'ymd')
    local -ar ___source=('export' 'paper')
    local -ar ___by=('embassy' 'consulate')
    local -ar arg_specs=(
        '*:inputs:'
        '*--column[Map a column to a header the file uses, e.g. first=Vorname (columns\: time, first, last, city, region, country, email, consent, sheet, line). Repeatable.]:COLUMN=HEADER:'
        '--encoding[How to decode files that are not UTF-8 (default\: detected, with a note)\: utf-8, windows-1252, windows-1250, windows-1251, windows-1253, windows-1254, windows-1255, windows-1256, windows-1257, macintosh.]:NAME:'
        '--dedup[How signers are counted once\: exact (the email, trimmed, case ignored), gmail (also Gmail'\''s dots and +tags), or name (no email\: by name, city and country; weaker).]:dedup:{__embassy-packets_complete "${___dedup[@]}"}'
        '--date-order[How to read dates whose day and month are both 12 or less\: dmy, mdy or ymd (default\: decided from each file'\''s dates, else its locale, with a warning).]:ORDER:{__embassy-packets_complete "${___date_order[@]}"}'
        '--source[paper\: the files are typed-in paper signature sheets (as with a Sheet column)\: a row may have no email (then it is counted once by name, city and country), and its origin is SHEET-ID\:LINE; a file without a Sheet column is one sheet named by the file.]:export|paper:{__embassy-packets_complete "${___source[@]}"}'
        '--allow-mostly-undelivered[Go on (exit 0) when most rows fall to one reason or no signature is delivered.]'
        '--embassies[The embassy directory (default\: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).]:FOLDER:'
        '*--route[Send the signers of a country without an embassy of its own to an embassy'\''s packet, e.g. TW=US. Repeatable.]:FROM=TO:'
        '--routes[A file of FROM=TO routes, one a line (# starts a comment).]:FILE:'
        '--by[One packet per embassy, or per consulate-general (signers routed by State or Province).]:by:{__embassy-packets_complete "${___by[@]}"}'
        '--strict[Exit with status 1 when any row is rejected or unrouted (for CI).]'
        '--quiet[Print nothing but errors.]'
        '--out[Also write the reports into DIR/reports.]:DIR:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_embassy-packets_contacts() {
    local -i ret=1
    local -ar ___dedup=('exact' 'gmail' 'name')
    local -ar ___date_order=('dmy' 'mdy' 'ymd')
    local -ar ___source=('export' 'paper')
    local -ar ___by=('embassy' 'consulate')
    local -ar arg_specs=(
        '*:inputs:'
        '*--column[Map a column to a header the file uses, e.g. first=Vorname (columns\: time, first, last, city, region, country, email, consent, sheet, line). Repeatable.]:COLUMN=HEADER:'
        '--encoding[How to decode files that are not UTF-8 (default\: detected, with a note)\: utf-8, windows-1252, windows-1250, windows-1251, windows-1253, windows-1254, windows-1255, windows-1256, windows-1257, macintosh.]:NAME:'
        '--dedup[How signers are counted once\: exact (the email, trimmed, case ignored), gmail (also Gmail'\''s dots and +tags), or name (no email\: by name, city and country; weaker).]:dedup:{__embassy-packets_complete "${___dedup[@]}"}'
        '--date-order[How to read dates whose day and month are both 12 or less\: dmy, mdy or ymd (default\: decided from each file'\''s dates, else its locale, with a warning).]:ORDER:{__embassy-packets_complete "${___date_order[@]}"}'
        '--source[paper\: the files are typed-in paper signature sheets (as with a Sheet column)\: a row may have no email (then it is counted once by name, city and country), and its origin is SHEET-ID\:LINE; a file without a Sheet column is one sheet named by the file.]:export|paper:{__embassy-packets_complete "${___source[@]}"}'
        '--allow-mostly-undelivered[Go on (exit 0) when most rows fall to one reason or no signature is delivered.]'
        '--embassies[The embassy directory (default\: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).]:FOLDER:'
        '*--route[Send the signers of a country without an embassy of its own to an embassy'\''s packet, e.g. TW=US. Repeatable.]:FROM=TO:'
        '--routes[A file of FROM=TO routes, one a line (# starts a comment).]:FILE:'
        '--by[One packet per embassy, or per consulate-general (signers routed by State or Province).]:by:{__embassy-packets_complete "${___by[@]}"}'
        '--strict[Exit with status 1 when any row is rejected or unrouted (for CI).]'
        '--quiet[Print nothing but errors.]'
        '--out[The CSV file to write (never replaced without --force).]:FILE:'
        '*--allow[An answer (exactly as the form offers it) that allows contact. Repeatable.]:ANSWER:'
        '*--deny[An answer that refuses contact. Repeatable.]:ANSWER:'
        '--force[Replace FILE if it exists.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_embassy-packets_embassies() {
    local -i ret=1
    local -ar arg_specs=(
        '--embassies[The embassy directory (default\: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).]:FOLDER:'
        '--json[Print the directory as JSON.]'
        '--check[Validate every file and print coverage and stale records.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_embassy-packets_verify() {
    local -i ret=1
    local -ar arg_specs=(
        ':DIR:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_embassy-packets_manifest() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'merge:Combine the manifests of a sharded run (generate --shard K/N) into one.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        merge)
            "_embassy-packets_manifest_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_embassy-packets_manifest_merge() {
    local -i ret=1
    local -ar arg_specs=(
        '*:MANIFEST:'
        '--out[Write the merged manifest here instead of stdout.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_embassy-packets_sample() {
    local -i ret=1
    local -ar ___format=('csv' 'json')
    local -ar arg_specs=(
        '--count[How many rows.]:count:'
        '--seed[The seed\: the same seed gives the same rows.]:seed:'
        '--format[csv (Google Forms) or json (an array of objects).]:format:{__embassy-packets_complete "${___format[@]}"}'
        '--out[Write to FILE instead of stdout.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_embassy-packets_sheets() {
    local -i ret=1
    local -ar ___paper=('a4' 'letter')
    local -ar arg_specs=(
        '--count[How many sheets (1 to 999).]:count:'
        '--country[Sheets for one country'\''s events\: its code in the ids, its name in each line'\''s Country cell, its paper (a code or an exact name).]:CC:'
        '--out[The PDF to write (default\: signature-sheets.pdf). A file that an earlier sheets run did not write is never replaced.]:FILE:'
        '--first[The number of the first sheet, to go on from an earlier batch of the same day (default 1).]:N:'
        '--paper[The paper, a4 or letter (default\: the country'\''s, else A4).]:PAPER:{__embassy-packets_complete "${___paper[@]}"}'
        '--lines[Signed lines per sheet (default\: as many as the paper holds).]:N:'
        '--date[The date in the sheet ids, YYYY-MM-DD (default\: SOURCE_DATE_EPOCH'\''s day, else today, UTC).]:YYYY-MM-DD:'
        '--template[The letter template whose title and <summary> the sheets print (default\: the one installed with the tool).]:FILE:'
        '--embassies[The embassy directory, for --country (default\: the one installed with the tool).]:FOLDER:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_embassy-packets_envelopes() {
    local -i ret=1
    local -ar arg_specs=(
        ':OUT_DIR_OR_MANIFEST:'
        '--out[Write the files here (default\: the folder of the manifest).]:DIR:'
        '--sender[The return address\: a <sender> file, as generate --sender takes (default\: the packets'\'' sender, else the template'\''s <sender>).]:FILE:'
        '--embassies[The embassy directory (default\: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).]:FOLDER:'
        '--all[Every mission of the embassy directory, embassies and consulates, without a manifest (needs --out).]'
        '--date[With --all\: the PDFs'\'' date, YYYY-MM-DD (default\: SOURCE_DATE_EPOCH'\''s day, else today, UTC). A manifest'\''s own date serves otherwise.]:YYYY-MM-DD:'
        '--force[Replace envelopes.pdf, labels*.pdf, envelopes-checklist.pdf or envelopes.json even when envelopes did not write them.]'
        '--quiet[Print nothing but errors.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_embassy-packets_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _embassy-packets ]]; then
    _embassy-packets "${@}"
else
    compdef _embassy-packets embassy-packets
fi

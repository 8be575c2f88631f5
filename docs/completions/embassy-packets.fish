function __embassy-packets_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __embassy-packets_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __embassy-packets_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __embassy-packets_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __embassy-packets_parse_tokens -S
    set -l unparsed_tokens (__embassy-packets_tokens -pc)
    switch $unparsed_tokens[1]
    case 'embassy-packets'
        __embassy-packets_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'generate'
            __embassy-packets_parse_subcommand -r 1 'column=+' 'encoding=' 'dedup=' 'date-order=' 'source=' 'allow-mostly-undelivered' 'embassies=' 'route=+' 'routes=' 'by=' 'strict' 'quiet' 'out=' 'date=' 'template=' 'language=' 'bilingual' 'tags=' 'sender=' 'columns=' 'paper=' 'max-pages=' 'force' 'json' 'only=' 'shard=' 'since=' 'key-file=' 'jobs=' 'version' 'h/help'
        case 'validate'
            __embassy-packets_parse_subcommand -r 1 'column=+' 'encoding=' 'dedup=' 'date-order=' 'source=' 'allow-mostly-undelivered' 'embassies=' 'route=+' 'routes=' 'by=' 'strict' 'quiet' 'out=' 'version' 'h/help'
        case 'contacts'
            __embassy-packets_parse_subcommand -r 1 'column=+' 'encoding=' 'dedup=' 'date-order=' 'source=' 'allow-mostly-undelivered' 'embassies=' 'route=+' 'routes=' 'by=' 'strict' 'quiet' 'out=' 'allow=+' 'deny=+' 'force' 'version' 'h/help'
        case 'embassies'
            __embassy-packets_parse_subcommand 0 'embassies=' 'json' 'check' 'version' 'h/help'
        case 'verify'
            __embassy-packets_parse_subcommand 1 'version' 'h/help'
        case 'manifest'
            __embassy-packets_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'merge'
                __embassy-packets_parse_subcommand -r 1 'out=' 'version' 'h/help'
            end
        case 'sample'
            __embassy-packets_parse_subcommand 0 'count=' 'seed=' 'format=' 'out=' 'version' 'h/help'
        case 'sheets'
            __embassy-packets_parse_subcommand 0 'count=' 'country=' 'out=' 'first=' 'paper=' 'lines=' 'date=' 'template=' 'embassies=' 'version' 'h/help'
        case 'envelopes'
            __embassy-packets_parse_subcommand 1 'out=' 'sender=' 'embassies=' 'all' 'date=' 'force' 'quiet' 'version' 'h/help'
        case 'help'
            __embassy-packets_parse_subcommand -r 1 'version'
        end
    end
end

function __embassy-packets_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __embassy-packets_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __embassy-packets_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __embassy-packets_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__embassy-packets_tokens -p)
    if test -z "$(__embassy-packets_tokens -t)"
        set -l index (count (__embassy-packets_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'embassy-packets' -f
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'generate' -d 'Make one PDF packet per embassy and a manifest from signature files.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'validate' -d 'Check signature files and print where every row would go, without rendering.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'contacts' -d 'Write the signers whose consent answer allows contact, for the coalition\'s own follow-up.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'embassies' -d 'List or check the embassy directory.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'verify' -d 'Check an output folder against its manifest.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'manifest' -d 'Work with manifests.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'sample' -d 'Write realistic, made-up signatures for trying the tool and for benchmarks.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'sheets' -d 'Print blank paper signature sheets for events, each with its own sheet id.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'envelopes' -d 'Make an envelope and an address label for every packet file of a generate run.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate"' -l 'column' -d 'Map a column to a header the file uses, e.g. first=Vorname (columns: time, first, last, city, region, country, email, consent, sheet, line). Repeatable.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" encoding' -l 'encoding' -d 'How to decode files that are not UTF-8 (default: detected, with a note): utf-8, windows-1252, windows-1250, windows-1251, windows-1253, windows-1254, windows-1255, windows-1256, windows-1257, macintosh.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" dedup' -l 'dedup' -d 'How signers are counted once: exact (the email, trimmed, case ignored), gmail (also Gmail\'s dots and +tags), or name (no email: by name, city and country; weaker).' -rfka 'exact gmail name'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" date-order' -l 'date-order' -d 'How to read dates whose day and month are both 12 or less: dmy, mdy or ymd (default: decided from each file\'s dates, else its locale, with a warning).' -rfka 'dmy mdy ymd'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" source' -l 'source' -d 'paper: the files are typed-in paper signature sheets (as with a Sheet column): a row may have no email (then it is counted once by name, city and country), and its origin is SHEET-ID:LINE; a file without a Sheet column is one sheet named by the file.' -rfka 'export paper'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" allow-mostly-undelivered' -l 'allow-mostly-undelivered' -d 'Go on (exit 0) when most rows fall to one reason or no signature is delivered.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" embassies' -l 'embassies' -d 'The embassy directory (default: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate"' -l 'route' -d 'Send the signers of a country without an embassy of its own to an embassy\'s packet, e.g. TW=US. Repeatable.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" routes' -l 'routes' -d 'A file of FROM=TO routes, one a line (# starts a comment).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" by' -l 'by' -d 'One packet per embassy, or per consulate-general (signers routed by State or Province).' -rfka 'embassy consulate'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" strict' -l 'strict' -d 'Exit with status 1 when any row is rejected or unrouted (for CI).'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" quiet' -l 'quiet' -d 'Print nothing but errors.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" out' -l 'out' -d 'The output folder.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" date' -l 'date' -d 'The date on the letters, YYYY-MM-DD (default: SOURCE_DATE_EPOCH\'s day, else today, UTC).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" template' -l 'template' -d 'The letter template (default: $EMBASSY_PACKETS_DATA/Templates/letter.xml, else the one installed with the tool).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" language' -l 'language' -d 'Print the letter in this language: the template\'s variant letter.LANG.xml (zh-Hans ships).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" bilingual' -l 'bilingual' -d 'Print the English letter and then its translation (zh-Hans, or --language) in every packet.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" tags' -l 'tags' -d 'How much of each PDF\'s structure is tagged for screen readers and archives: every table cell, each row (far smaller files for big tables), or none.' -rfka 'cells rows none'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" sender' -l 'sender' -d 'Who sends the petition: a <sender> file (organisation, name, role, address, email, phone) printed as the letterhead and the signatory, instead of the template\'s <sender>.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" columns' -l 'columns' -d 'The table\'s columns, in order, from no, name, city, region, signed (the signing date).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" paper' -l 'paper' -d 'Print every packet on this paper (a4 or letter) instead of the embassy country\'s own.' -rfka 'a4 letter'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" max-pages' -l 'max-pages' -d 'Split packets longer than this many pages into volumes (US-1-of-3.pdf, ...).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" force' -l 'force' -d 'Replace DIR even when it is not empty and not an earlier output.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" json' -l 'json' -d 'Print the run\'s summary as JSON on stdout.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" only' -l 'only' -d 'Render only these embassies\' packets (country codes, comma-separated).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" shard' -l 'shard' -d 'Render only shard K of N: every embassy falls in exactly one shard, the same in every run.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" since' -l 'since' -d 'An earlier delivery\'s manifest: make supplementary packets of the signers it did not deliver.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" key-file' -l 'key-file' -d 'The key for signers\' keyed hashes (default: the EMBASSY_PACKETS_KEY environment variable).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" jobs' -l 'jobs' -d 'How many processes render packets at once (default: the number of cores; never more than the packets).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets generate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate"' -l 'column' -d 'Map a column to a header the file uses, e.g. first=Vorname (columns: time, first, last, city, region, country, email, consent, sheet, line). Repeatable.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" encoding' -l 'encoding' -d 'How to decode files that are not UTF-8 (default: detected, with a note): utf-8, windows-1252, windows-1250, windows-1251, windows-1253, windows-1254, windows-1255, windows-1256, windows-1257, macintosh.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" dedup' -l 'dedup' -d 'How signers are counted once: exact (the email, trimmed, case ignored), gmail (also Gmail\'s dots and +tags), or name (no email: by name, city and country; weaker).' -rfka 'exact gmail name'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" date-order' -l 'date-order' -d 'How to read dates whose day and month are both 12 or less: dmy, mdy or ymd (default: decided from each file\'s dates, else its locale, with a warning).' -rfka 'dmy mdy ymd'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" source' -l 'source' -d 'paper: the files are typed-in paper signature sheets (as with a Sheet column): a row may have no email (then it is counted once by name, city and country), and its origin is SHEET-ID:LINE; a file without a Sheet column is one sheet named by the file.' -rfka 'export paper'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" allow-mostly-undelivered' -l 'allow-mostly-undelivered' -d 'Go on (exit 0) when most rows fall to one reason or no signature is delivered.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" embassies' -l 'embassies' -d 'The embassy directory (default: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate"' -l 'route' -d 'Send the signers of a country without an embassy of its own to an embassy\'s packet, e.g. TW=US. Repeatable.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" routes' -l 'routes' -d 'A file of FROM=TO routes, one a line (# starts a comment).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" by' -l 'by' -d 'One packet per embassy, or per consulate-general (signers routed by State or Province).' -rfka 'embassy consulate'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" strict' -l 'strict' -d 'Exit with status 1 when any row is rejected or unrouted (for CI).'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" quiet' -l 'quiet' -d 'Print nothing but errors.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" out' -l 'out' -d 'Also write the reports into DIR/reports.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts"' -l 'column' -d 'Map a column to a header the file uses, e.g. first=Vorname (columns: time, first, last, city, region, country, email, consent, sheet, line). Repeatable.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" encoding' -l 'encoding' -d 'How to decode files that are not UTF-8 (default: detected, with a note): utf-8, windows-1252, windows-1250, windows-1251, windows-1253, windows-1254, windows-1255, windows-1256, windows-1257, macintosh.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" dedup' -l 'dedup' -d 'How signers are counted once: exact (the email, trimmed, case ignored), gmail (also Gmail\'s dots and +tags), or name (no email: by name, city and country; weaker).' -rfka 'exact gmail name'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" date-order' -l 'date-order' -d 'How to read dates whose day and month are both 12 or less: dmy, mdy or ymd (default: decided from each file\'s dates, else its locale, with a warning).' -rfka 'dmy mdy ymd'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" source' -l 'source' -d 'paper: the files are typed-in paper signature sheets (as with a Sheet column): a row may have no email (then it is counted once by name, city and country), and its origin is SHEET-ID:LINE; a file without a Sheet column is one sheet named by the file.' -rfka 'export paper'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" allow-mostly-undelivered' -l 'allow-mostly-undelivered' -d 'Go on (exit 0) when most rows fall to one reason or no signature is delivered.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" embassies' -l 'embassies' -d 'The embassy directory (default: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts"' -l 'route' -d 'Send the signers of a country without an embassy of its own to an embassy\'s packet, e.g. TW=US. Repeatable.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" routes' -l 'routes' -d 'A file of FROM=TO routes, one a line (# starts a comment).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" by' -l 'by' -d 'One packet per embassy, or per consulate-general (signers routed by State or Province).' -rfka 'embassy consulate'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" strict' -l 'strict' -d 'Exit with status 1 when any row is rejected or unrouted (for CI).'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" quiet' -l 'quiet' -d 'Print nothing but errors.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" out' -l 'out' -d 'The CSV file to write (never replaced without --force).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts"' -l 'allow' -d 'An answer (exactly as the form offers it) that allows contact. Repeatable.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts"' -l 'deny' -d 'An answer that refuses contact. Repeatable.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" force' -l 'force' -d 'Replace FILE if it exists.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets contacts" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets embassies" embassies' -l 'embassies' -d 'The embassy directory (default: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets embassies" json' -l 'json' -d 'Print the directory as JSON.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets embassies" check' -l 'check' -d 'Validate every file and print coverage and stale records.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets embassies" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets embassies" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets verify" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets manifest" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets manifest" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_positional "embassy-packets manifest" -eq 1' -fa 'merge' -d 'Combine the manifests of a sharded run (generate --shard K/N) into one.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets manifest merge" out' -l 'out' -d 'Write the merged manifest here instead of stdout.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets manifest merge" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets manifest merge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sample" count' -l 'count' -d 'How many rows.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sample" seed' -l 'seed' -d 'The seed: the same seed gives the same rows.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sample" format' -l 'format' -d 'csv (Google Forms) or json (an array of objects).' -rfka 'csv json'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sample" out' -l 'out' -d 'Write to FILE instead of stdout.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sample" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sample" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" count' -l 'count' -d 'How many sheets (1 to 999).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" country' -l 'country' -d 'Sheets for one country\'s events: its code in the ids, its name in each line\'s Country cell, its paper (a code or an exact name).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" out' -l 'out' -d 'The PDF to write (default: signature-sheets.pdf). A file that an earlier sheets run did not write is never replaced.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" first' -l 'first' -d 'The number of the first sheet, to go on from an earlier batch of the same day (default 1).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" paper' -l 'paper' -d 'The paper, a4 or letter (default: the country\'s, else A4).' -rfka 'a4 letter'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" lines' -l 'lines' -d 'Signed lines per sheet (default: as many as the paper holds).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" date' -l 'date' -d 'The date in the sheet ids, YYYY-MM-DD (default: SOURCE_DATE_EPOCH\'s day, else today, UTC).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" template' -l 'template' -d 'The letter template whose title and <summary> the sheets print (default: the one installed with the tool).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" embassies' -l 'embassies' -d 'The embassy directory, for --country (default: the one installed with the tool).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets sheets" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets envelopes" out' -l 'out' -d 'Write the files here (default: the folder of the manifest).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets envelopes" sender' -l 'sender' -d 'The return address: a <sender> file, as generate --sender takes (default: the packets\' sender, else the template\'s <sender>).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets envelopes" embassies' -l 'embassies' -d 'The embassy directory (default: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets envelopes" all' -l 'all' -d 'Every mission of the embassy directory, embassies and consulates, without a manifest (needs --out).'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets envelopes" date' -l 'date' -d 'With --all: the PDFs\' date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH\'s day, else today, UTC). A manifest\'s own date serves otherwise.' -rfka ''
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets envelopes" force' -l 'force' -d 'Replace envelopes.pdf, labels*.pdf, envelopes-checklist.pdf or envelopes.json even when envelopes did not write them.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets envelopes" quiet' -l 'quiet' -d 'Print nothing but errors.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets envelopes" version' -l 'version' -d 'Show the version.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets envelopes" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'embassy-packets' -n '__embassy-packets_should_offer_completions_for_flags_or_options "embassy-packets help" version' -l 'version' -d 'Show the version.'

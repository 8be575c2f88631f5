# The NAME line of a subcommand's page names the page (embassy-packets.generate), so that
# whatis and apropos find it; the synopsis keeps the command as typed (embassy-packets generate).
!named && /^\.Nm "embassy-packets .*"$/ {
  command = substr($0, 5)
  page = substr($0, 6, length($0) - 6)
  gsub(/ /, ".", page)
  print ".Nm " page
  named = 1
  next
}
named && $0 == ".Nm" { print ".Nm " command; next }
{ print }

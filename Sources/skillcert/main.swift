import Foundation
import SkillCertCLI

exit(SkillCertCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))

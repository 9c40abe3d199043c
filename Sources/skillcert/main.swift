import SkillCertCLI
print("skillcert")

import subprocess


def run_report(name):
    cmd = "report --name " + name
    return subprocess.check_output(cmd, shell=True)  # VULN: command-injection


def constant_report():
    return subprocess.check_output("report --all", shell=True)  # SAFE

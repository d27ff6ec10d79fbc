"""Replays the original manager's (GrabowMar/ThesisAppRework analyzer/analyzer_manager.py) comprehensive
run against our four services: its unchanged request messages, its send-and-wait loop, its per-service
findings extraction (the manager's own code path, taken when the web app's helpers cannot be imported),
its id dedup across services and its summary. Written from the reading notes of that code; it imports
nothing of the original. Prints one JSON object: per service what was received and what the original
would have extracted, and the consolidated summary.

usage: original_manager_replay.py CONFIG.json   (keys: static, performance, dynamic, ai; each {url, ...})
"""
import asyncio
import json
import sys
import time
import uuid
from datetime import datetime

import websockets
from websockets.exceptions import ConnectionClosed


def norm(severity):
    s = str(severity).lower()
    if s in ['critical', 'fatal', 'high']:
        return 'high'
    if s in ['medium', 'warning', 'warn']:
        return 'medium'
    if s in ['low', 'info', 'note']:
        return 'low'
    if s in ['error']:
        return 'high'
    return 'medium'


async def send_and_wait(url, message, timeout):
    async with websockets.connect(url, open_timeout=10, close_timeout=10, ping_interval=None,
                                  ping_timeout=None, max_size=100 * 1024 * 1024) as ws:
        await ws.send(json.dumps(message))
        deadline = time.time() + timeout
        first_frame = None
        terminal_frame = None
        while time.time() < deadline:
            remaining = max(0.1, deadline - time.time())
            try:
                raw = await asyncio.wait_for(ws.recv(), timeout=remaining)
            except asyncio.TimeoutError:
                break
            except ConnectionClosed:
                break
            try:
                frame = json.loads(raw)
            except Exception:
                frame = {'status': 'error', 'error': 'invalid_json_frame', 'raw': raw}
            if first_frame is None:
                first_frame = frame
            ftype = str(frame.get('type', '')).lower()
            has_analysis = isinstance(frame.get('analysis'), dict)
            if ('analysis_result' in ftype) or (ftype.endswith('_analysis') and 'analysis' in frame):
                terminal_frame = frame
                if has_analysis:
                    break
        return terminal_frame or first_frame or {'status': 'error', 'error': 'no_response'}


def first_location(result):
    return result.get('locations', [{}])[0].get('physicalLocation', {})


def sarif_findings(tool, sarif, severity_of):
    out = []
    if isinstance(sarif, dict) and 'runs' in sarif:
        for run in sarif['runs']:
            for result in run.get('results', []):
                loc = first_location(result)
                region = loc.get('region', {})
                out.append({'id': f"{tool}_{result.get('ruleId', 'unknown')}_{region.get('startLine', 0)}",
                            'tool': tool, 'rule_id': result.get('ruleId'), 'severity': severity_of(result),
                            'path': loc.get('artifactLocation', {}).get('uri', '').replace('/app/sources/', ''),
                            'title': result.get('message', {}).get('text', '')})
    return out


def extract_static(results):
    findings = []
    py = results.get('python', {})
    if isinstance(py, dict):
        bandit = py.get('bandit', {})
        if isinstance(bandit, dict):
            issues = bandit.get('issues', [])
            if not issues and bandit.get('sarif'):
                findings += sarif_findings('bandit', bandit['sarif'], lambda r: norm(
                    r.get('properties', {}).get('issue_severity', r.get('level', 'warning'))))
            elif issues:
                for i in issues:
                    findings.append({'id': f"bandit_{i.get('test_id', 'unknown')}_{i.get('line_number', 0)}",
                                     'tool': 'bandit', 'rule_id': i.get('test_id'),
                                     'severity': norm(i.get('issue_severity', 'UNKNOWN')),
                                     'path': i.get('filename', '').replace('/app/sources/', '')})
        pylint = py.get('pylint', {})
        if isinstance(pylint, dict) and pylint.get('issues'):
            for i in pylint['issues']:
                findings.append({'id': f"pylint_{i.get('message-id', 'unknown')}_{i.get('line', 0)}",
                                 'tool': 'pylint', 'rule_id': i.get('message-id'),
                                 'severity': norm(i.get('type', 'UNKNOWN')), 'path': i.get('path', '')})
        semgrep = py.get('semgrep', {})
        if isinstance(semgrep, dict):
            results_list = semgrep.get('results', [])
            issues_list = semgrep.get('issues', [])
            if issues_list:
                for i in issues_list:
                    findings.append({'id': f"semgrep_{i.get('rule_id', 'unknown')}_{i.get('line', 0)}",
                                     'tool': 'semgrep', 'rule_id': i.get('rule_id'),
                                     'severity': norm(i.get('severity', 'UNKNOWN')),
                                     'path': i.get('file', '').replace('/app/sources/', '')})
            elif not results_list and semgrep.get('sarif'):
                findings += sarif_findings('semgrep', semgrep['sarif'], lambda r: norm(r.get('level', 'warning')))
            elif results_list:
                for r in results_list:
                    findings.append({'id': f"semgrep_{r.get('check_id', 'unknown')}_{r.get('start', {}).get('line', 0)}",
                                     'tool': 'semgrep', 'rule_id': r.get('check_id'),
                                     'severity': norm(r.get('extra', {}).get('severity', 'UNKNOWN')),
                                     'path': r.get('path', '').replace('/app/sources/', '')})
        mypy = py.get('mypy', {})
        if isinstance(mypy, dict):
            for i in (mypy.get('issues') or mypy.get('results') or []):
                findings.append({'id': f"mypy_{i.get('line', 0)}_{i.get('column', 0)}", 'tool': 'mypy',
                                 'rule_id': i.get('rule', 'type-check'), 'severity': norm(i.get('severity', 'UNKNOWN')),
                                 'path': i.get('file', '').replace('/app/sources/', '')})
        vulture = py.get('vulture', {})
        if isinstance(vulture, dict) and vulture.get('results'):
            for r in vulture['results']:
                findings.append({'id': f"vulture_{r.get('filename', 'unknown')}_{r.get('line', 0)}", 'tool': 'vulture',
                                 'rule_id': 'unused-code', 'severity': 'low',
                                 'path': r.get('filename', '').replace('/app/sources/', '')})
        radon = py.get('radon', {})
        if isinstance(radon, dict) and radon.get('issues'):
            for i in radon['issues']:
                findings.append({'id': f"radon_{i.get('line', 0)}_{i.get('column', 0)}", 'tool': 'radon',
                                 'rule_id': 'cyclomatic-complexity', 'severity': norm(i.get('severity', 'low')),
                                 'path': i.get('file', '').replace('/app/sources/', '')})
        secrets = py.get('detect-secrets', {})
        if isinstance(secrets, dict) and secrets.get('issues'):
            for i in secrets['issues']:
                findings.append({'id': f"detect_secrets_{i.get('line', 0)}", 'tool': 'detect-secrets',
                                 'rule_id': 'secret-detection', 'severity': 'high',
                                 'path': i.get('file', '').replace('/app/sources/', '')})
        safety = py.get('safety', {})
        if isinstance(safety, dict) and safety.get('vulnerabilities'):
            for v in safety['vulnerabilities']:
                findings.append({'id': f"safety_{v.get('vulnerability_id', 'unknown')}_{v.get('package_name', 'unknown')}",
                                 'tool': 'safety', 'rule_id': v.get('vulnerability_id'),
                                 'severity': norm(v.get('severity', 'medium')), 'path': 'requirements.txt'})
        pip_audit = py.get('pip-audit', {})
        if isinstance(pip_audit, dict) and pip_audit.get('vulnerabilities'):
            for v in pip_audit['vulnerabilities']:
                refs = []
                if v.get('aliases'):
                    refs.extend([f"https://osv.dev/vulnerability/{a}" for a in v.get('aliases')])
                findings.append({'id': f"pip_audit_{v.get('id', 'unknown')}_{v.get('package', 'unknown')}",
                                 'tool': 'pip-audit', 'rule_id': v.get('id'), 'severity': 'high',
                                 'path': 'requirements.txt', 'tags': ['dependency'] + v.get('aliases', [])})
        ruff = py.get('ruff', {})
        if isinstance(ruff, dict):
            if ruff.get('issues'):
                for i in ruff['issues']:
                    findings.append({'id': f"ruff_{i.get('rule_id', 'unknown')}_{i.get('line', 0)}", 'tool': 'ruff',
                                     'rule_id': i.get('rule_id'), 'severity': norm(i.get('severity', 'warning')),
                                     'path': i.get('file', '').replace('/app/sources/', '')})
            elif ruff.get('sarif'):
                findings += sarif_findings('ruff', ruff['sarif'], lambda r: norm(r.get('level', 'warning')))
    js = results.get('javascript', {})
    if isinstance(js, dict):
        eslint = js.get('eslint', {})
        if isinstance(eslint, dict):
            if eslint.get('issues'):
                for i in eslint['issues']:
                    findings.append({'id': f"eslint_{i.get('rule_id', 'unknown')}_{i.get('line', 0)}", 'tool': 'eslint',
                                     'rule_id': i.get('rule_id'), 'severity': norm(i.get('severity', 'warning')),
                                     'path': i.get('file', '').replace('/app/sources/', '')})
            elif eslint.get('results'):
                for fr in eslint['results']:
                    for i in fr.get('messages', []):
                        findings.append({'id': f"eslint_{i.get('ruleId', 'unknown')}_{i.get('line', 0)}",
                                         'tool': 'eslint', 'rule_id': i.get('ruleId'),
                                         'severity': norm('error' if i.get('severity') == 2 else 'warning'),
                                         'path': fr.get('filePath', '').replace('/app/sources/', '')})
        npm = js.get('npm-audit', {})
        if isinstance(npm, dict) and npm.get('vulnerabilities'):
            vulns = npm['vulnerabilities']
            if isinstance(vulns, dict):
                for pkg, v in vulns.items():
                    findings.append({'id': f"npm_audit_{pkg}_{v.get('severity', 'unknown')}", 'tool': 'npm-audit',
                                     'rule_id': 'npm-audit-vulnerability', 'severity': norm(v.get('severity', 'low')),
                                     'path': 'package.json'})
    css = results.get('css', {})
    if isinstance(css, dict):
        stylelint = css.get('stylelint', {})
        if isinstance(stylelint, dict) and stylelint.get('results'):
            for fr in stylelint['results']:
                for w in fr.get('warnings', []):
                    findings.append({'id': f"stylelint_{w.get('rule', 'unknown')}_{w.get('line', 0)}", 'tool': 'stylelint',
                                     'rule_id': w.get('rule'), 'severity': norm(w.get('severity', 'warning')),
                                     'path': fr.get('source', '').replace('/app/sources/', '')})
    return findings


def extract_dynamic(results):
    findings = []
    zap = results.get('zap_security_scan', [])
    if isinstance(zap, list):
        for scan in zap:
            if not isinstance(scan, dict):
                continue
            status = scan.get('status')
            url = scan.get('url', 'unknown_url')
            if status == 'success':
                inner = scan.get('scan_results', {})
                if not inner:
                    if scan.get('alerts_by_risk', {}):
                        inner = {url: scan}
                for target_url, res in inner.items():
                    if not isinstance(res, dict):
                        continue
                    abr = res.get('alerts_by_risk', {})
                    if isinstance(abr, dict):
                        for risk, alerts in abr.items():
                            for alert in alerts:
                                findings.append({'id': f"zap_{alert.get('alert', 'unknown').replace(' ', '_')}_{target_url}",
                                                 'tool': 'zap', 'rule_id': alert.get('alert'), 'severity': norm(risk),
                                                 'path': target_url})
                for vuln in scan.get('vulnerabilities', []):
                    if isinstance(vuln, dict):
                        findings.append({'id': f"zap_{vuln.get('type', 'unknown').replace(' ', '_')}_{url}",
                                         'tool': 'zap', 'rule_id': vuln.get('type'),
                                         'severity': norm(vuln.get('severity', 'medium')), 'path': url})
            elif status == 'error':
                findings.append({'id': f"zap_execution_failed_{url}", 'tool': 'zap', 'rule_id': 'execution_failed',
                                 'severity': 'high', 'path': url})
    vscan = results.get('vulnerability_scan', [])
    if isinstance(vscan, list):
        for scan in vscan:
            if not isinstance(scan, dict):
                continue
            url = scan.get('url', 'unknown_url')
            if scan.get('status') == 'success':
                for vuln in scan.get('vulnerabilities', []):
                    if isinstance(vuln, dict) and vuln.get('type') == 'exposed_paths':
                        for p in vuln.get('paths', []):
                            findings.append({'id': f"curl_exposed_path_{p.get('path', '').replace('/', '')}_{url}",
                                             'tool': 'curl', 'rule_id': 'exposed_path',
                                             'severity': norm(vuln.get('severity', 'low')), 'path': p.get('url')})
            elif scan.get('status') == 'error':
                findings.append({'id': f"curl_execution_failed_{url}", 'tool': 'curl', 'rule_id': 'execution_failed',
                                 'severity': 'high', 'path': url})
    port_scan = results.get('port_scan', {})
    if isinstance(port_scan, dict) and port_scan:
        host = port_scan.get('host') or 'unknown_host'
        if port_scan.get('status') == 'success':
            for port in port_scan.get('open_ports', []):
                if port in (21, 23):
                    findings.append({'id': f"nmap_insecure_port_{port}_{host}", 'tool': 'nmap',
                                     'rule_id': 'insecure_port', 'severity': 'medium', 'path': host})
        elif port_scan.get('status') == 'error':
            findings.append({'id': f"nmap_execution_failed_{host}", 'tool': 'nmap', 'rule_id': 'execution_failed',
                             'severity': 'high', 'path': host})
    return findings


def extract_performance(results):
    findings = []
    for tool, r in results.get('tool_runs', {}).items():
        if not isinstance(r, dict) or r.get('status') != 'success':
            continue
        url = r.get('url', 'unknown_url')
        failed = r.get('failed_requests', r.get('failures', r.get('errors', 0)))
        if failed > 0:
            findings.append({'id': f"perf_{tool}_failed_requests_{url}", 'tool': tool, 'severity': 'high', 'path': url})
        avg = r.get('avg_response_time')
        if avg and avg > 500:
            findings.append({'id': f"perf_{tool}_slow_response_{url}", 'tool': tool, 'severity': 'medium', 'path': url})
        rps = r.get('requests_per_second')
        if not rps and tool == 'aiohttp':
            duration = r.get('raw', {}).get('duration')
            rps = r.get('requests', 0) / duration if duration else None
        if rps and rps < 20:
            findings.append({'id': f"perf_{tool}_low_throughput_{url}", 'tool': tool, 'severity': 'medium', 'path': url})
    return findings


def extract_ai(results):
    findings = []
    data = results.get('analysis') or results
    tools = data.get('tools', {})
    scanner = tools.get('requirements-scanner') or tools.get('requirements-checker')
    if isinstance(scanner, dict) and scanner.get('status') == 'success':
        res = scanner.get('results', {})
        groups = [('backend', res.get('backend_requirements') or res.get('functional_requirements') or []),
                  ('frontend', res.get('frontend_requirements', [])),
                  ('admin', res.get('admin_requirements', [])),
                  ('endpoint', res.get('control_endpoint_tests', []))]
        for category, items in groups:
            for item in items:
                met = item.get('met', item.get('passed'))
                if not met:
                    findings.append({'id': f"ai_{category}_{uuid.uuid4().hex[:8]}", 'tool': 'requirements-scanner',
                                     'severity': norm(str(item.get('confidence', 'medium')).upper())})
    quality = tools.get('code-quality-analyzer')
    if isinstance(quality, dict) and quality.get('status') == 'success':
        for metric in quality.get('results', {}).get('quality_metrics', []):
            if not metric.get('passed'):
                score = metric.get('score', 0)
                sev = 'high' if score < 40 else 'medium' if score < 60 else 'low'
                for _ in metric.get('findings', [])[:10]:
                    findings.append({'id': f"ai_quality_{uuid.uuid4().hex[:8]}", 'tool': 'code-quality-analyzer',
                                     'severity': sev})
    return findings


EXTRACTORS = {'static': extract_static, 'performance': extract_performance, 'dynamic': extract_dynamic,
              'ai': extract_ai}


def extract(name, frame):
    """The manager's _extract_findings_from_analyzer_result: any exception drops the service's findings."""
    try:
        analysis = frame.get('analysis', {})
        if not isinstance(analysis, dict):
            return [], None
        results = analysis.get('results', {})
        if not isinstance(results, dict):
            return [], None
        return EXTRACTORS[name](results), None
    except Exception as e:  # the original logs a warning and keeps nothing
        return [], f"{type(e).__name__}: {e}"


def category(status):
    s = str(status or '').lower()
    if s in ('targets_unreachable', 'unreachable'):
        return 'unreachable'
    if s in ('partial', 'partial_connectivity', 'partial_success'):
        return 'partial'
    if s in ('success', 'completed', 'no_issues'):
        return 'succeeded'
    return None


def requests(cfg):
    now = datetime.now().isoformat()
    static_tools = ["bandit", "safety", "pip-audit", "semgrep", "detect-secrets", "pylint", "flake8", "mypy",
                    "vulture", "ruff", "radon", "eslint", "jshint", "npm-audit", "snyk", "stylelint"]
    out = {}
    if 'static' in cfg:
        out['static'] = ({"type": "static_analyze", "model_slug": cfg['slug'], "app_number": cfg['app'],
                          "source_path": f"/app/sources/{cfg['slug']}/app{cfg['app']}", "tools": static_tools,
                          "timestamp": now, "id": str(uuid.uuid4())}, cfg['static'])
    if 'performance' in cfg:
        out['performance'] = ({"type": "performance_test", "model_slug": cfg['slug'], "app_number": cfg['app'],
                               "target_urls": cfg['performance']['target_urls'], "tools": None, "config": {},
                               "timestamp": now, "id": str(uuid.uuid4())}, cfg['performance'])
    if 'dynamic' in cfg:
        out['dynamic'] = ({"type": "dynamic_analyze", "model_slug": cfg['slug'], "app_number": cfg['app'],
                           "target_urls": cfg['dynamic']['target_urls'], "tools": None,
                           "timestamp": now, "id": str(uuid.uuid4())}, cfg['dynamic'])
    if 'ai' in cfg:
        out['ai'] = ({"type": "ai_analyze", "model_slug": cfg['slug'], "app_number": cfg['app'],
                      "source_path": f"/app/sources/{cfg['slug']}/app{cfg['app']}",
                      "tools": ["requirements-scanner", "code-quality-analyzer"],
                      "config": cfg['ai'].get('config', {}), "timestamp": now, "id": str(uuid.uuid4())}, cfg['ai'])
    return out


async def main(path):
    cfg = json.load(open(path))
    frames = {}
    for name, (message, svc) in requests(cfg).items():  # sequential, static -> performance -> dynamic -> ai
        try:
            frames[name] = await send_and_wait(svc['url'], message, svc.get('timeout', 300))
        except Exception as e:
            frames[name] = {'status': 'error', 'error': f'All replicas failed for {name}: {e}'}
    seen = set()
    kept = []
    by_tool = {}
    by_severity = {'high': 0, 'medium': 0, 'low': 0}
    report = {'services': {}}
    for name, frame in frames.items():
        service_results = frame.get('results', frame)
        if not isinstance(service_results, dict):
            report['services'][name] = {'skipped': 'top-level results is not a dict'}
            continue
        found, failure = extract(name, service_results)
        kept_here = 0
        for f in found:
            if f['id'] and f['id'] in seen:
                continue
            seen.add(f['id'])
            kept.append(f)
            kept_here += 1
            by_tool[f['tool']] = by_tool.get(f['tool'], 0) + 1
            if f['severity'] in by_severity:
                by_severity[f['severity']] += 1
        analysis = frame.get('analysis') if isinstance(frame.get('analysis'), dict) else {}
        ours = analysis.get('findings')
        report['services'][name] = {
            'type': frame.get('type'), 'status': frame.get('status'), 'has_top_level_results': 'results' in frame,
            'our_findings': len(ours) if isinstance(ours, list) else None,
            'extracted': len(found), 'kept_after_dedup': kept_here, 'extractor_exception': failure,
            'ids': [f['id'] for f in found]}
    cats = {'succeeded': [], 'partial': [], 'unreachable': []}
    for name, frame in frames.items():
        c = category(frame.get('status'))
        if c:
            cats[c].append(name)
    if cats['unreachable'] and not cats['succeeded'] and not cats['partial']:
        overall = 'targets_unreachable'
    elif cats['partial'] or (cats['unreachable'] and cats['succeeded']):
        overall = 'partial'
    elif cats['succeeded']:
        overall = 'completed'
    else:
        overall = 'unknown'
    report['summary'] = {'total_findings': len(kept), 'severity_breakdown': by_severity, 'findings_by_tool': by_tool,
                         'services_executed': len(cats['succeeded']), 'services_partial': len(cats['partial']),
                         'services_unreachable': len(cats['unreachable']), 'status': overall}
    print(json.dumps(report))


asyncio.run(main(sys.argv[1]))

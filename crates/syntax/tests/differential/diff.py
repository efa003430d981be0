"""Compare BuildKit's parser (ORACLE) with ours (OURS) on the files given as arguments."""
import sys,json,subprocess,os
ORACLE=os.environ.get('ORACLE','/tmp/oracle/oracle')
OURS=os.environ.get('OURS','target/release/examples/parse_report')
def recs(out):
    r=[]
    for x in out.split(b'\0\x01SEP\x01\0')[:-1]:
        if x.startswith(b'ERR '):
            msg,_,lines=x[4:].rpartition(b'\n')
            r.append(('ERR',msg,json.loads(lines)))
        else:
            body=x[3:]
            dump,_,ws=body.rpartition(b'\n')
            r.append(('OK',dump,json.loads(ws)))
    return r
def compare(files, show=5, ignore_lines=False):
    a=recs(subprocess.run([ORACLE]+files,capture_output=True).stdout)
    b=recs(subprocess.run([OURS]+files,capture_output=True).stdout)
    assert len(a)==len(b)==len(files),(len(a),len(b),len(files))
    bad=[]
    for f,x,y in zip(files,a,b):
        if x!=y: bad.append((f,x,y))
    for f,x,y in bad[:show]:
        print('==',f); print(' go:',repr(x)[:700]); print(' rs:',repr(y)[:700])
    return bad
if __name__=='__main__':
    bad=compare(sys.argv[1:])
    print(len(bad),'differ of',len(sys.argv)-1)

"""Differential fuzzing: generate inputs (seed, count) and compare dumps/errors/warnings."""
import random,glob,os,sys
sys.path.insert(0,os.path.dirname(os.path.abspath(__file__)))
from diff import compare
seed=int(sys.argv[1]) if len(sys.argv)>1 else 1
N=int(sys.argv[2]) if len(sys.argv)>2 else 2000
random.seed(seed)
corpus=[open(f,'rb').read() for f in sorted(glob.glob(os.environ.get('CORPUS','../shared/conformance/corpus')+'/*.Dockerfile'))]
toks=[b'\\\n',b'\n',b'\r\n',b'\r',b' ',b'\t',b'"',b"'",b'`',b'#',b'# ',b'<<EOF',b'<<-EOF',b'<<"EOF"',b"<<'EOF'",b'EOF\n',b'\tEOF\n',b'[',b']',b',',b'=',b'--',b'--from=',b'--mount=type=cache,target=/x',b'${',b'}',b'$',b':-',b'\\',b'\\ ',b'# escape=`\n',b'# escape=\\\n',b'# syntax=x\n',b'#check=skip=all\n',b'ONBUILD ',b'HEALTHCHECK ',b'ENV ',b'ARG ',b'LABEL ',b'RUN ',b'COPY ',b'ADD ',b'CMD ',b'FROM ',b'VOLUME ',b'SHELL ',b'EXPOSE ',b'USER ',b'\xc2\xa0',b'\xc3\xa9',b'\xff',b'\x85',b'\xe2\x80\x83',b'\xef\xbb\xbf',b'{',b'1',b'null',b'true',b'1e999',b'"a"',b'["a", "b"]',b'\\"',b'\\u00e9',b'\\ud800',b'\x00',b'\x0b',b'\x0c',b'<<',b'2<<EOF',b'<< EOF',b'CMD',b'NONE',b'as',b'AS',b'x',b'\\\r\n',b'\\  \n',b'`\n',b'\n\n',b'  \n',b'  # c\n',b'${a:-b}',b'${a:+${b}}',b'${a/b/c}',b'${a%b}',b'${:}',b'$a',b'\xc4\xb0',b'\xe2\x84\xaa']
def mutate(b):
    b=bytearray(b)
    for _ in range(random.randint(1,8)):
        r=random.random()
        pos=random.randint(0,len(b))
        if r<0.5:
            b[pos:pos]=random.choice(toks)
        elif r<0.7 and len(b)>0:
            e=min(len(b),pos+random.randint(1,20)); del b[pos:e]
        elif r<0.85:
            o=random.choice(corpus)
            if o:
                s=random.randint(0,len(o)); b[pos:pos]=o[s:s+random.randint(1,200)]
        else:
            lines=b.split(b'\n'); random.shuffle(lines); b=bytearray(b'\n'.join(lines))
    return bytes(b)
def gen():
    if random.random()<0.7:
        return mutate(random.choice(corpus))
    return b''.join(random.choice(toks) for _ in range(random.randint(1,40)))
d=os.environ.get('OUT','/tmp')+'/fuzz%d'%seed
os.makedirs(d,exist_ok=True)
files=[]
for i in range(N):
    p='%s/%05d'%(d,i); open(p,'wb').write(gen()); files.append(p)
bad=[]
for i in range(0,N,200):
    bad+=compare(files[i:i+200],show=0)
for f,x,y in bad[:6]:
    print('==',f); print(' go:',repr(x)[:500]); print(' rs:',repr(y)[:500])
print(len(bad),'differ of',N)
import collections,subprocess
from diff import recs, ORACLE
c=collections.Counter()
for i in range(0,min(N,1000),200):
    for r in recs(subprocess.run([ORACLE]+files[i:i+200],capture_output=True).stdout):
        c[r[0] if r[0]=='OK' else r[1][:40]]+=1
print(c.most_common(20))

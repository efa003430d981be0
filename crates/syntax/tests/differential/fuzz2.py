"""Differential fuzzing: generate inputs (seed, count) and compare dumps/errors/warnings."""
import random,os,sys
sys.path.insert(0,os.path.dirname(os.path.abspath(__file__)))
from diff import compare
seed=int(sys.argv[1]); N=int(sys.argv[2])
random.seed(seed)
kw=['FROM','RUN','CMD','COPY','ADD','ENV','ARG','LABEL','ONBUILD','HEALTHCHECK','SHELL','ENTRYPOINT','VOLUME','EXPOSE','USER','WORKDIR','STOPSIGNAL','MAINTAINER','run','Copy','FOO','']
pieces=['a','b c','"q w"',"'s t'",'\\"','\\\\','\\','`','=','x=1','y="2 3"',"z='4'",'--from=b','--link','--chmod=755','--mount=type=cache,target=/x','--mount="type=bind,from=b"','--platform=$P','-- x','--','--"a b"=c',"--'x'",'["a","b"]','["a", 1]','[ "a" ]','["a",]','[]','[','{"a":1}','["\\u00e9", "\\ud83d\\udc33"]','<<EOF','<<-EOF','<<"E F"',"<<'EOF'",'3<<EOF','<< EOF','<<EOF>f','${A}','$A','${A:-x y}','${A:+$B}','${A/x/y}','${A#*}','${}','${:x}','CMD','NONE','curl -f x','AS','as','n','é','\u00a0','\u2003','\t','  ','\u0130','\u212a','#']
def line():
    k=random.choice(kw)
    parts=[k]+[random.choice(pieces) for _ in range(random.randint(0,5))]
    sep=lambda: random.choice([' ',' ','  ','\t',' \\\n',' \\\n  ','\\\n',' \\\n# c\n',' \\\n\n',' \\ \n',' `\n',' \\\r\n'])
    s=''
    for i,p in enumerate(parts):
        s+=p+(sep() if i<len(parts)-1 else '')
    return s
def doc():
    out=[]
    if random.random()<0.3: out.append(random.choice(['# syntax=docker/dockerfile:1','# escape=`','#escape=\\','# check=skip=all','# Escape = `','# escape= ','#syntax=','# foo=bar','\ufeff# syntax=x']))
    for _ in range(random.randint(1,12)):
        r=random.random()
        if r<0.1: out.append(random.choice(['','  ','# comment','  # ind','#']))
        else:
            l=line(); out.append(l)
            if '<<' in l and random.random()<0.8:
                for _ in range(random.randint(0,3)): out.append(random.choice(['body','\tbody $x','','"q"']))
                out.append(random.choice(['EOF','\tEOF','EOF ','E F','"E F"','EOF\r']))
    nl=random.choice(['\n','\n','\r\n'])
    s=nl.join(out)+random.choice([nl,'','\\',' \\\n'])
    return s.encode('utf-8','surrogatepass')
d=os.environ.get('OUT','/tmp')+'/fz2_%d'%seed; os.makedirs(d,exist_ok=True)
files=[]
for i in range(N):
    p='%s/%05d'%(d,i); open(p,'wb').write(doc()); files.append(p)
bad=[]
for i in range(0,N,250): bad+=compare(files[i:i+250],show=0)
for f,x,y in bad[:8]:
    print('==',f); print(' go:',repr(x)[:600]); print(' rs:',repr(y)[:600])
print(len(bad),'differ of',N)

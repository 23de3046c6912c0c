#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  size_t n=(size_t)1<<30; int huge=atoi(argv[1]);
  for(int rep=0;rep<3;rep++){
  char*p=mmap(NULL,n,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0);
  if(huge) madvise(p,n,MADV_HUGEPAGE);
  double t0=now();
  for(size_t i=0;i<n;i+=4096) p[i]=1;
  double t1=now();
  memset(p,2,n);
  double t2=now();
  printf("huge=%d first touch %.3f s (%.2f GB/s)  memset warm %.3f s (%.2f GB/s)\n",huge,t1-t0,1/(t1-t0),t2-t1,1/(t2-t1));
  munmap(p,n);}
  return 0;}
